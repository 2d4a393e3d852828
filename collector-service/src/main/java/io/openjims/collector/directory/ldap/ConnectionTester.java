package io.openjims.collector.directory.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import io.openjims.collector.directory.ldap.DirectoryFailure.Reason;

/**
 * Tries a directory definition once: connect (TLS as configured), simple bind, then a subtree search of the base DN
 * that counts at most {@link #ENTRY_LIMIT} entries. Blocking; bounded by the connector's timeouts.
 */
public final class ConnectionTester {

    /** Entries counted at most; a larger directory reports {@code entries_limited}. */
    public static final int ENTRY_LIMIT = 100;

    /** The outcome; {@code reason} null when it worked. Never holds the password. */
    public record Outcome(
            boolean ok, Reason reason, String message, int entriesSeen, boolean entriesLimited, long durationMs) {}

    private final LdapConnector connector;

    public ConnectionTester(LdapConnector connector) {
        this.connector = connector;
    }

    public Outcome test(DirectorySettings settings) {
        long started = System.nanoTime();
        try (LDAPConnection connection = connector.connect(settings)) {
            SearchRequest search = new SearchRequest(
                    settings.baseDn(), SearchScope.SUB, "(objectClass=*)", SearchRequest.NO_ATTRIBUTES);
            search.setSizeLimit(ENTRY_LIMIT);
            int seen;
            boolean limited;
            try {
                SearchResult result = connection.search(search);
                seen = result.getEntryCount();
                limited = false;
            } catch (LDAPSearchException e) {
                if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                    throw e;
                }
                seen = e.getEntryCount();
                limited = true;
            }
            String message = "bound as " + settings.bindDn() + " and read " + seen + (limited ? "+" : "")
                    + " entries under " + settings.baseDn();
            return new Outcome(true, null, message, seen, limited, millis(started));
        } catch (DirectoryFailure e) {
            return new Outcome(false, e.reason(), e.getMessage(), 0, false, millis(started));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return new Outcome(
                        false,
                        Reason.BASE_DN_NOT_FOUND,
                        "bound, but base_dn " + settings.baseDn() + " does not exist on the server",
                        0,
                        false,
                        millis(started));
            }
            Reason reason = e.getResultCode() == ResultCode.TIMEOUT ? Reason.TIMEOUT : Reason.FAILED;
            return new Outcome(
                    false,
                    reason,
                    "bound, but the search of " + settings.baseDn() + " failed: "
                            + LdapConnector.describe(e.getResultCode(), e.getDiagnosticMessage()),
                    0,
                    false,
                    millis(started));
        }
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
