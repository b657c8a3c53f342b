package dev.identity.web.internal;

import java.lang.reflect.Method;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * A method of a controller or controller advice that Spring calls with resolved
 * arguments: a handler method, or a {@code @ModelAttribute}, {@code @InitBinder} or
 * {@code @ExceptionHandler} method.
 *
 * @param kind what Spring calls it for
 * @param method the method as Spring reads its parameters; for a handler, its
 * {@link HandlerMethod}
 * @param targetType the class behind any proxy, whose annotations describe it
 */
public record ControllerMethod(Kind kind, AnnotatedMethod method, Class<?> targetType) {

	public ControllerMethod {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(targetType, "targetType");
	}

	/**
	 * The handler method, for a {@link Kind#HANDLER}.
	 * @return the handler method as mapped, or {@code null} for another kind of method
	 */
	public @Nullable HandlerMethod handler() {
		return (this.kind == Kind.HANDLER && this.method instanceof HandlerMethod handler) ? handler : null;
	}

	/**
	 * The method of the target class that runs.
	 * @return the implementing method (an interface's method becomes the class's),
	 * bridges resolved
	 */
	public Method targetMethod() {
		return AopUtils.getMostSpecificMethod(this.method.getMethod(), this.targetType);
	}

	/**
	 * How the method is named in messages.
	 * @return {@code Controller#method}
	 */
	public String describe() {
		return this.targetType.getSimpleName() + "#" + this.method.getMethod().getName();
	}

	/** What Spring calls a controller method for. */
	public enum Kind {

		/** A handler method of a handler mapping. */
		HANDLER("handler"),

		/**
		 * A {@code @ModelAttribute} method, called before the handlers of its controller
		 * or advice.
		 */
		MODEL_ATTRIBUTE("@ModelAttribute method"),

		/** An {@code @InitBinder} method, called to set up data binding. */
		INIT_BINDER("@InitBinder method"),

		/** An {@code @ExceptionHandler} method, called for what a handler raised. */
		EXCEPTION_HANDLER("@ExceptionHandler method");

		private final String description;

		Kind(String description) {
			this.description = description;
		}

		/**
		 * How the kind is named in messages.
		 * @return e.g. {@code @ModelAttribute method}
		 */
		public String description() {
			return this.description;
		}

	}

}
