package dev.identity.devprovider;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The development provider: an OpenID provider started in the application's JVM when no
 * {@code identity.issuer-uri} is configured. Read before the application context exists,
 * by {@link DevelopmentProviderApplicationListener}.
 */
@ConfigurationProperties("identity.dev-provider")
public class DevelopmentProviderProperties {

	/**
	 * Whether to start a development OpenID provider (Spring Authorization Server with
	 * demo accounts, on 127.0.0.1) when identity.issuer-uri is not set. Needs Spring
	 * Authorization Server on the class path. Never starts when an issuer is configured,
	 * a production profile is active, or the application runs packaged (java -jar) rather
	 * than from its build.
	 */
	private boolean enabled;

	/**
	 * Port of the development provider on 127.0.0.1; 0 picks a free one.
	 */
	private int port = 9000;

	/**
	 * Profiles in which the development provider refuses to start: with one of them
	 * active and no identity.issuer-uri, start-up fails instead.
	 */
	private List<String> productionProfiles = new ArrayList<>(List.of("prod", "production"));

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public List<String> getProductionProfiles() {
		return this.productionProfiles;
	}

	public void setProductionProfiles(List<String> productionProfiles) {
		this.productionProfiles = productionProfiles;
	}

}
