package dev.identity.web;

import java.lang.reflect.Method;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The class and method whose annotations describe a handler: those of the controller behind any
 * proxy. Spring maps a JDK-proxied controller's interface methods on the proxy class, and a
 * CGLIB-proxied one's methods on the user class; the requirements may be declared on either the
 * interface or the implementation.
 */
final class HandlerTargets {

	private HandlerTargets() {
	}

	/**
	 * The controller class behind a handler's bean.
	 * @param handler the handler method, its bean resolved or not
	 * @return the target class of a resolved proxy, else the bean type Spring determined
	 */
	static Class<?> targetType(HandlerMethod handler) {
		Object bean = handler.getBean();
		// An unresolved handler holds the bean's name; its type is all there is to read.
		return (bean instanceof String) ? handler.getBeanType() : AopProxyUtils.ultimateTargetClass(bean);
	}

	/**
	 * The method of the target class that runs for a handler method.
	 * @param handler the handler method
	 * @param targetType its {@link #targetType(HandlerMethod) target class}
	 * @return the implementing method (an interface's method becomes the class's), bridges resolved
	 */
	static Method targetMethod(HandlerMethod handler, Class<?> targetType) {
		return AopUtils.getMostSpecificMethod(handler.getMethod(), targetType);
	}

}
