package dev.identity.web.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.HandlerMethod;

/**
 * Every method Spring calls with resolved arguments in an application's controllers: the
 * mapped handler methods, and the {@code @ModelAttribute}, {@code @InitBinder} and
 * {@code @ExceptionHandler} methods of their controllers and of every
 * {@code @ControllerAdvice} bean, found as both web stacks find them. No bean is created
 * to find them.
 */
public final class ControllerMethods {

	private ControllerMethods() {
	}

	/**
	 * The controller methods of an application.
	 * @param handlers the mapped handler methods, their beans resolved or not
	 * @param beanFactory the application's bean factory
	 * @return the handlers first, then the other methods, each once
	 */
	public static List<ControllerMethod> find(Collection<HandlerMethod> handlers,
			ConfigurableListableBeanFactory beanFactory) {
		List<ControllerMethod> methods = new ArrayList<>();
		// Spring looks for these methods on the type it mapped the handlers on.
		Set<Class<?>> types = new LinkedHashSet<>();
		for (HandlerMethod handler : handlers) {
			methods.add(new ControllerMethod(ControllerMethod.Kind.HANDLER, handler,
					HandlerTargets.targetType(handler, beanFactory)));
			types.add(handler.getBeanType());
		}
		for (ControllerAdviceBean advice : ControllerAdviceBean.findAnnotatedBeans(beanFactory)) {
			Class<?> type = advice.getBeanType();
			if (type != null) {
				types.add(type);
			}
		}
		for (Class<?> type : types) {
			add(methods, type, ControllerMethod.Kind.MODEL_ATTRIBUTE, ControllerMethods::isModelAttributeMethod);
			add(methods, type, ControllerMethod.Kind.INIT_BINDER,
					(method) -> AnnotatedElementUtils.hasAnnotation(method, InitBinder.class));
			add(methods, type, ControllerMethod.Kind.EXCEPTION_HANDLER,
					(method) -> AnnotatedElementUtils.hasAnnotation(method, ExceptionHandler.class));
		}
		return methods;
	}

	/**
	 * As Spring selects them: a {@code @ModelAttribute} on a handler method names its
	 * return value.
	 */
	private static boolean isModelAttributeMethod(Method method) {
		return !AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)
				&& AnnotatedElementUtils.hasAnnotation(method, ModelAttribute.class);
	}

	private static void add(List<ControllerMethod> methods, Class<?> type, ControllerMethod.Kind kind,
			ReflectionUtils.MethodFilter filter) {
		for (Method method : MethodIntrospector.selectMethods(type, filter)) {
			methods.add(new ControllerMethod(kind, new AnnotatedMethod(method), type));
		}
	}

}
