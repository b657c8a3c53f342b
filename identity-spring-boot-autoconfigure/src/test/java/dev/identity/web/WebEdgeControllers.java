package dev.identity.web;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.login.AuthenticatedUser;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.autoproxy.BeanNameAutoProxyCreator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Controllers and configurations at the edges of the web integration, alike on Spring MVC
 * and WebFlux: handlers that use the starter in each way, proxied controllers, a shifted
 * clock.
 */
public final class WebEdgeControllers {

	/** Name of the {@link ProxyCalls} bean, the advice on the proxied controllers. */
	public static final String PROXY_CALLS = "proxyCalls";

	private WebEdgeControllers() {
	}

	@RestController
	public static class RequirementController {

		@RequirePermission("orders:read")
		@GetMapping("/orders")
		public String orders() {
			return "orders";
		}

	}

	@RestController
	public static class ClaimController {

		@GetMapping("/tenant")
		public String tenant(@Claim("tenant") String tenant) {
			return tenant;
		}

	}

	@RestController
	public static class TokenParameterController {

		@GetMapping("/me")
		public String me(ValidatedToken token) {
			return String.valueOf(token.getSubject());
		}

		@GetMapping("/scopes")
		public String scopes(TokenClaims claims) {
			return String.join(" ", claims.scopes());
		}

	}

	@RestController
	public static class UserController {

		@GetMapping("/user")
		public String user(AuthenticatedUser user) {
			return user.getSubject();
		}

	}

	@RestController
	public static class WiringController {

		@RequireScope("write")
		@GetMapping("/wiring/write")
		public String write() {
			return "write";
		}

	}

	@RestController
	public static class OpenController {

		@GetMapping("/open")
		public String open(@RequestParam String q) {
			return q;
		}

	}

	@RestController
	public static class DoublyBoundController {

		@GetMapping("/doubly")
		public String doubly(@Claim("tenant") @RequestParam("tenant") String tenant) {
			return tenant;
		}

	}

	/** A controller interface: Spring maps a JDK-proxied controller through it. */
	@RestController
	public interface JdkProxiedApi {

		@GetMapping("/jdk/class")
		String classLevel();

		@GetMapping("/jdk/method")
		String methodLevel();

		@RequireScope("write")
		@GetMapping("/jdk/interface")
		String interfaceLevel();

		@GetMapping("/jdk/claim")
		String claim(@Claim("sub") String subject);

	}

	/**
	 * Its implementation, whose requirements a JDK proxy hides from the handler Spring
	 * maps.
	 */
	@RequireScope("read")
	public static class JdkProxiedController implements JdkProxiedApi {

		@Override
		public String classLevel() {
			return "jdk class";
		}

		@Override
		@RequireScope("write")
		public String methodLevel() {
			return "jdk method";
		}

		@Override
		public String interfaceLevel() {
			return "jdk interface";
		}

		@Override
		public String claim(String subject) {
			return subject;
		}

	}

	@RestController
	@RequireScope("read")
	public static class CglibProxiedController {

		@GetMapping("/cglib/class")
		public String classLevel() {
			return "cglib class";
		}

		@RequireScope("write")
		@GetMapping("/cglib/method")
		public String methodLevel() {
			return "cglib method";
		}

	}

	@RestController
	public interface HiddenClaimApi {

		@GetMapping("/hidden")
		String hidden(String tenant);

	}

	/** {@code @Claim} only on the implementation: a JDK proxy's handler never sees it. */
	public static class HiddenClaimController implements HiddenClaimApi {

		@Override
		public String hidden(@Claim("tenant") String tenant) {
			return tenant;
		}

	}

	/** A controller interface whose implementation is a lazy bean. */
	@RestController
	public interface LazyJdkProxiedApi {

		@GetMapping("/lazy")
		String lazy();

	}

	/**
	 * Created on its first request, not at start-up; its requirement is declared only on
	 * the implementation, which its JDK proxy hides from the handler Spring maps.
	 */
	@Lazy
	@RequireScope("read")
	public static class LazyJdkProxiedController implements LazyJdkProxiedApi {

		/** How many instances were created. */
		public static final AtomicInteger instances = new AtomicInteger();

		public LazyJdkProxiedController() {
			instances.incrementAndGet();
		}

		@Override
		public String lazy() {
			return "lazy";
		}

	}

	/**
	 * The token's subject as a model attribute, for a handler that takes none of the
	 * starter's parameters.
	 */
	@RestController
	public static class ModelAttributeController {

		@ModelAttribute("subject")
		public String subject(@Claim("sub") String subject) {
			return subject;
		}

		@GetMapping("/model")
		public String model(Model model) {
			return String.valueOf(model.getAttribute("subject"));
		}

	}

	/** The token's subject as a model attribute of every controller. */
	@ControllerAdvice
	public static class ClaimAdvice {

		@ModelAttribute("adviceSubject")
		public String subject(@Claim("sub") String subject) {
			return subject;
		}

	}

	/** Answers its handler's failure with the token's subject. */
	@RestController
	public static class ExceptionHandlerController {

		@GetMapping("/fails")
		public String fails() {
			throw new IllegalStateException("fails");
		}

		@ExceptionHandler(IllegalStateException.class)
		public String failed(@Claim("sub") String subject) {
			return subject;
		}

	}

	/** A requirement on a method that is no handler, where nothing enforces it. */
	@RestController
	public static class RequirementOnModelAttributeController {

		@RequireRole("admin")
		@ModelAttribute("secret")
		public String secret() {
			return "secret";
		}

		@GetMapping("/secret")
		public String open() {
			return "open";
		}

	}

	/** A requirement on an advice, where nothing enforces it. */
	@ControllerAdvice
	@RequireScope("admin")
	public static class RequirementAdvice {

		@ModelAttribute("admin")
		public String admin() {
			return "admin";
		}

	}

	/** The token in binder set-up. */
	@RestController
	public static class InitBinderController {

		@InitBinder
		public void init(WebDataBinder binder, @Claim("tenant") String tenant) {
			binder.setDisallowedFields(tenant);
		}

		@GetMapping("/binder")
		public String binder() {
			return "binder";
		}

	}

	/**
	 * Advice on the controllers, as {@code @Transactional} or an aspect would add: a JDK
	 * proxy for those whose bean name ends with {@code JdkProxiedController} or
	 * {@code HiddenClaimController} (they implement an interface), a CGLIB proxy for
	 * {@code CglibProxiedController}.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class ProxyConfiguration {

		@Bean
		public static BeanNameAutoProxyCreator jdkProxies() {
			BeanNameAutoProxyCreator creator = new BeanNameAutoProxyCreator();
			creator.setBeanNames("*JdkProxiedController", "*HiddenClaimController");
			creator.setInterceptorNames(PROXY_CALLS);
			return creator;
		}

		@Bean
		public static BeanNameAutoProxyCreator cglibProxies() {
			BeanNameAutoProxyCreator creator = new BeanNameAutoProxyCreator();
			creator.setBeanNames("*CglibProxiedController");
			creator.setProxyTargetClass(true);
			creator.setInterceptorNames(PROXY_CALLS);
			return creator;
		}

		@Bean(PROXY_CALLS)
		public ProxyCalls proxyCalls() {
			return new ProxyCalls();
		}

	}

	/** Advice that counts the calls it sees. */
	public static final class ProxyCalls implements MethodInterceptor {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			this.calls.incrementAndGet();
			return invocation.proceed();
		}

		public int count() {
			return this.calls.get();
		}

	}

	/**
	 * The application's clock two hours ahead: every token the provider issues now is
	 * expired.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class LateClockConfiguration {

		@Bean
		public Clock clock() {
			return Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
		}

	}

}
