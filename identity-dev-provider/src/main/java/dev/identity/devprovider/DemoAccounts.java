package dev.identity.devprovider;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accounts of the demo provider that {@code identity.dev-provider.enabled} starts.
 * They fit the samples' notes API: roles, permissions and a feature flag in the claims
 * the {@code generic} claims preset reads ({@code roles}, {@code permissions},
 * {@code feature_flags}).
 * <table>
 * <caption>Clients</caption>
 * <tr>
 * <th>client id / secret</th>
 * <th>grants</th>
 * <th>roles</th>
 * <th>permissions</th>
 * <th>notes-export</th>
 * </tr>
 * <tr>
 * <td>demo-client / demo-secret</td>
 * <td>browser login, client credentials</td>
 * <td>service</td>
 * <td>audit:write</td>
 * <td>false</td>
 * </tr>
 * <tr>
 * <td>demo-admin / demo-admin-secret</td>
 * <td>client credentials</td>
 * <td>admin</td>
 * <td>notes:read, notes:write</td>
 * <td>true</td>
 * </tr>
 * <tr>
 * <td>demo-reader / demo-reader-secret</td>
 * <td>client credentials</td>
 * <td>reader</td>
 * <td>notes:read</td>
 * <td>false</td>
 * </tr>
 * </table>
 * Users {@code alice / alice-password} (admin) and {@code bob / bob-password} (reader)
 * sign in through {@code demo-client}; their access tokens carry the claims of the client
 * of the same role.
 */
public final class DemoAccounts {

	/** The {@code aud} of the demo provider's access tokens. */
	public static final String AUDIENCE = "demo-api";

	/**
	 * The client the application itself is registered as (browser login and its own
	 * calls).
	 */
	public static final String CLIENT_ID = "demo-client";

	public static final String CLIENT_SECRET = "demo-secret";

	/** A client whose tokens carry the {@code admin} role. */
	public static final String ADMIN_CLIENT_ID = "demo-admin";

	public static final String ADMIN_CLIENT_SECRET = "demo-admin-secret";

	/** A client whose tokens carry the {@code reader} role only. */
	public static final String READER_CLIENT_ID = "demo-reader";

	public static final String READER_CLIENT_SECRET = "demo-reader-secret";

	private static final Set<String> SCOPES = Set.of("notes.read", "notes.write", "audit");

	private static final Map<String, Object> ADMIN = Map.of("roles", List.of("admin"), "permissions",
			List.of("notes:read", "notes:write"), "feature_flags", Map.of("notes-export", true));

	private static final Map<String, Object> READER = Map.of("roles", List.of("reader"), "permissions",
			List.of("notes:read"), "feature_flags", Map.of("notes-export", false));

	static final List<DevelopmentProvider.Client> CLIENTS = List.of(
			new DevelopmentProvider.Client(CLIENT_ID, CLIENT_SECRET, SCOPES,
					Map.of("roles", List.of("service"), "permissions", List.of("audit:write"), "feature_flags",
							Map.of("notes-export", false)),
					true),
			new DevelopmentProvider.Client(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, SCOPES, ADMIN),
			new DevelopmentProvider.Client(READER_CLIENT_ID, READER_CLIENT_SECRET, SCOPES, READER));

	static final List<DevelopmentProvider.User> USERS = List.of(
			new DevelopmentProvider.User("alice", "alice-password",
					Map.of("name", "Alice Admin", "preferred_username", "alice", "email", "alice@example.com",
							"email_verified", true),
					ADMIN),
			new DevelopmentProvider.User("bob", "bob-password", Map.of("name", "Bob Reader", "preferred_username",
					"bob", "email", "bob@example.com", "email_verified", true), READER));

	private DemoAccounts() {
	}

}
