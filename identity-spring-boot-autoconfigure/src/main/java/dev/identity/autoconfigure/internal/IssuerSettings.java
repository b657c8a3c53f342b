package dev.identity.autoconfigure.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.identity.engine.internal.EngineSettings;

/**
 * The engine settings of every configured issuer, by name in declaration order, as
 * {@link EngineSettingsFactory#createAll} checked them.
 */
public final class IssuerSettings {

	private final Map<String, EngineSettings> all;

	/**
	 * @param all the settings by issuer name, at least one
	 */
	public IssuerSettings(Map<String, EngineSettings> all) {
		if (all.isEmpty()) {
			throw new IllegalArgumentException("at least one issuer is required");
		}
		this.all = Collections.unmodifiableMap(new LinkedHashMap<>(all));
	}

	/** The settings by issuer name, in declaration order. */
	public Map<String, EngineSettings> all() {
		return this.all;
	}

	/** The name of the first issuer declared. */
	public String primaryName() {
		return this.all.keySet().iterator().next();
	}

	/** The settings of the first issuer declared. */
	public EngineSettings primary() {
		return this.all.values().iterator().next();
	}

}
