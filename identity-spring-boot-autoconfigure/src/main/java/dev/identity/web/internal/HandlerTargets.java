package dev.identity.web.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.lang.Contract;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The class and method whose annotations describe a handler: those of the controller
 * behind any proxy. Spring maps a JDK-proxied controller's interface methods on the proxy
 * class, and a CGLIB-proxied one's methods on the user class; the requirements may be
 * declared on either the interface or the implementation.
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
	 * The controller class behind a mapped handler's bean, read at start-up without
	 * creating the bean. Behind a JDK proxy: the class of a scoped proxy's target
	 * definition, of an existing singleton, the target class Spring's auto-proxy creator
	 * recorded, or the class the bean definition declares. A controller proxied by other
	 * means whose definition declares only an interface is read through that interface,
	 * as Spring maps it. (An uncreated lazy controller is mapped on its own class, since
	 * its proxy's type is not known before it exists; Spring cannot call such a
	 * controller through its JDK proxy, and advises class-based proxying.)
	 * @param handler the handler method, its bean resolved or not
	 * @param beanFactory the factory of its bean
	 * @return the controller class
	 */
	static Class<?> targetType(HandlerMethod handler, ConfigurableListableBeanFactory beanFactory) {
		if (!(handler.getBean() instanceof String name) || !Proxy.isProxyClass(handler.getBeanType())) {
			return targetType(handler);
		}
		String scopedTarget = ScopedProxyUtils.getTargetBeanName(name);
		if (beanFactory.containsBeanDefinition(scopedTarget)) {
			Class<?> target = beanFactory.getType(scopedTarget, false);
			if (isClass(target)) {
				return ClassUtils.getUserClass(target);
			}
		}
		if (!beanFactory.isFactoryBean(name) && beanFactory.containsSingleton(name)) {
			// Created already: asking for it creates nothing.
			return AopProxyUtils.ultimateTargetClass(beanFactory.getBean(name));
		}
		if (beanFactory.containsBeanDefinition(name)) {
			Class<?> recorded = AutoProxyUtils.determineTargetClass(beanFactory, name);
			if (isClass(recorded)) {
				return recorded;
			}
			Class<?> declared = beanFactory.getMergedBeanDefinition(name).getResolvableType().resolve();
			if (isClass(declared)) {
				return declared;
			}
		}
		return handler.getBeanType();
	}

	@Contract("null -> false")
	private static boolean isClass(@Nullable Class<?> type) {
		return type != null && !type.isInterface() && !Proxy.isProxyClass(type);
	}

	/**
	 * The method of the target class that runs for a handler method.
	 * @param handler the handler method
	 * @param targetType its {@link #targetType(HandlerMethod) target class}
	 * @return the implementing method (an interface's method becomes the class's),
	 * bridges resolved
	 */
	static Method targetMethod(HandlerMethod handler, Class<?> targetType) {
		return AopUtils.getMostSpecificMethod(handler.getMethod(), targetType);
	}

}
