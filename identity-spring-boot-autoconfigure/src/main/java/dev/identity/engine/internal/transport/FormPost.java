package dev.identity.engine.internal.transport;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A form POST the core asks a transport to send: URL, headers and
 * {@code application/x-www-form-urlencoded} parameters (a name may repeat, e.g.
 * {@code resource}). {@link #toString()} shows parameter names only.
 *
 * @param endpoint logical endpoint name for errors, e.g. {@code token}
 * @param uri the URL
 * @param headers headers to send (e.g. {@code Authorization})
 * @param form the form parameters, in order
 */
public record FormPost(String endpoint, URI uri, Map<String, String> headers, List<Map.Entry<String, String>> form) {

	public FormPost {
		headers = Map.copyOf(headers);
		form = List.copyOf(form);
	}

	/**
	 * The first value of a form parameter.
	 * @param name the parameter
	 * @return the value, or {@code null}
	 */
	public @Nullable String parameter(String name) {
		for (Map.Entry<String, String> entry : this.form) {
			if (entry.getKey().equals(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "FormPost[" + this.endpoint + " " + this.uri + ", headers=" + this.headers.keySet() + ", form="
				+ this.form.stream().map(Map.Entry::getKey).toList() + "]";
	}

}
