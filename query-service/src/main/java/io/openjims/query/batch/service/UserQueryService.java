package io.openjims.query.batch.service;

import io.openjims.model.contract.IpAddresses;
import io.openjims.query.batch.model.BatchResponse;
import io.openjims.query.batch.model.ItemsResponse;
import io.openjims.query.batch.model.QueryItem;
import io.openjims.query.batch.repository.SrxQueryRepository;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Answers SRX queries: batch from the change log after a cursor; IP and user from the in-memory {@link SessionIndex}
 * (the view's active sessions when the index does not serve). The change log
 * is gap-free by construction (sequence numbers are assigned in commit order), so reading "after the last seen
 * sequence" never skips a change.
 */
@ApplicationScoped
public class UserQueryService {

    /** Most change-log chunks one batch request scans when an address filter drops many rows. */
    private static final int MAX_CHUNKS = 20;

    private final SrxQueryRepository view;
    private final CookieCodec cookies;
    private final SessionIndex index;

    public UserQueryService(SrxQueryRepository view, CookieCodec cookies, SessionIndex index) {
        this.view = view;
        this.cookies = cookies;
        this.index = index;
    }

    /**
     * Answers a query of a client that may only see {@code allowed} (DNS names from its token; empty = every domain).
     */
    public Uni<Object> answer(QueryRequest request, String clientId, Set<String> allowed) {
        if (request instanceof QueryRequest.Batch b) {
            return batch(b, clientId, allowed).map(r -> r);
        }
        if (request instanceof QueryRequest.Ip ip) {
            return ip(ip.ip(), allowed).map(r -> r);
        }
        QueryRequest.User u = (QueryRequest.User) request;
        return user(u.domain(), u.user(), allowed).map(r -> r);
    }

    public Uni<Object> answer(QueryRequest request, String clientId) {
        return answer(request, clientId, Set.of());
    }

    /**
     * The answer to an IP or user query from the session index alone, or null when the index does not serve it (a
     * batch query, or the index is not serving: then {@link #answer} reads the view).
     */
    public ItemsResponse fromIndex(QueryRequest request, Set<String> allowed) {
        if (!index.serving()) {
            return null; // checked first, so the lookup PostgreSQL then answers is counted once
        }
        List<QueryItem> items = null;
        if (request instanceof QueryRequest.Ip ip) {
            items = index.ip(ip.ip(), allowed);
        } else if (request instanceof QueryRequest.User u) {
            items = index.user(u.domain(), u.user(), allowed);
        }
        return items == null ? null : new ItemsResponse(items);
    }

    /** The live session of an address: from the session index while it serves, else from the view. */
    public Uni<ItemsResponse> ip(String ip, Set<String> allowed) {
        List<QueryItem> indexed = index.ip(ip, allowed);
        if (indexed != null) {
            return Uni.createFrom().item(new ItemsResponse(indexed));
        }
        return view.activeSessionOf(ip).map(rows -> new ItemsResponse(sessionItems(rows, allowed)));
    }

    /** Sessions of the user in the domain named {@code domain} (a DNS name, or an alias of one or more). */
    public Uni<ItemsResponse> user(String domain, String userLc, Set<String> allowed) {
        List<QueryItem> indexed = index.user(domain, userLc, allowed);
        if (indexed != null) {
            return Uni.createFrom().item(new ItemsResponse(indexed));
        }
        return view.activeSessionsOf(domain, userLc).map(rows -> new ItemsResponse(sessionItems(rows, allowed)));
    }

    private static List<QueryItem> sessionItems(RowSet<Row> rows, Set<String> allowed) {
        Instant now = Instant.now();
        List<QueryItem> items = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (allowed.isEmpty() || allowed.contains(r.getString("domain"))) {
                items.add(QueryItems.fromSession(r, now));
            }
        }
        return items;
    }

    public Uni<BatchResponse> batch(QueryRequest.Batch request, String clientId, Set<String> allowed) {
        CookieCodec.Cookie cookie = request.cookie() == null ? null : cookies.decode(request.cookie(), clientId);
        return startCursor(request, cookie)
                .flatMap(cursor -> resolveDomains(request.filter().domains())
                        .map(domains -> within(domains, allowed))
                        .flatMap(domains -> new Scan(request, clientId, domains, cookie).from(cursor)));
    }

    /**
     * The domains a batch reads: the filter's (none = all) narrowed to the client's allowed ones. A client whose filter
     * and domains do not meet reads the never-matching empty name, so it sees nothing rather than everything.
     */
    static String[] within(String[] filtered, Set<String> allowed) {
        if (allowed.isEmpty()) {
            return filtered;
        }
        if (filtered.length == 0) {
            return allowed.toArray(String[]::new);
        }
        String[] both = Arrays.stream(filtered).filter(allowed::contains).toArray(String[]::new);
        return both.length == 0 ? new String[] {""} : both;
    }

    private Uni<Long> startCursor(QueryRequest.Batch request, CookieCodec.Cookie cookie) {
        if (cookie != null) {
            return Uni.createFrom().item(cookie.seq());
        }
        if (request.timestamp() == null) {
            return Uni.createFrom().item(0L); // the oldest retained change
        }
        return view.cursorAt(request.timestamp());
    }

    /** The DNS names the client's domain names stand for: each name itself plus what it is an alias of. */
    private Uni<String[]> resolveDomains(List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(new String[0]);
        }
        return view.domainsOfAliases(names.toArray(String[]::new)).map(domains -> {
            LinkedHashSet<String> all = new LinkedHashSet<>(names);
            all.addAll(domains);
            return all.toArray(String[]::new);
        });
    }

    /** One batch request's walk over the change log, chunk by chunk. */
    private final class Scan {

        private final QueryRequest.Batch request;
        private final String clientId;
        private final String[] domains;
        private final CookieCodec.Cookie cookie;
        private final int chunk;
        private final List<QueryItem> items = new ArrayList<>();
        private final Instant now = Instant.now();
        private int chunks;
        private UUID epoch;

        Scan(QueryRequest.Batch request, String clientId, String[] domains, CookieCodec.Cookie cookie) {
            this.request = request;
            this.clientId = clientId;
            this.domains = domains;
            this.cookie = cookie;
            this.chunk =
                    request.filter().hasAddressRules() ? Math.min(5000, request.maxItems() * 4) : request.maxItems();
        }

        Uni<BatchResponse> from(long cursor) {
            return view.changesAfter(cursor, chunk, domains).flatMap(rows -> next(cursor, rows));
        }

        private Uni<BatchResponse> next(long cursor, RowSet<Row> rows) {
            long head = 0;
            long pruned = 0;
            int read = 0;
            long position = cursor;
            for (Row r : rows) {
                head = r.getLong("head");
                pruned = r.getLong("pruned");
                epoch = r.getUUID("epoch");
                if (chunks == 0 && cookie != null) {
                    checkCookie(cursor, head, pruned);
                }
                Long seq = r.getLong("seq");
                if (seq == null) {
                    break;
                }
                read++;
                position = seq;
                if (request.filter().hasAddressRules()
                        && !request.filter().passesAddress(IpAddresses.parse(r.getString("ip")))) {
                    continue;
                }
                items.add(QueryItems.fromChange(r, now));
                if (items.size() == request.maxItems()) {
                    return done(position, position < head);
                }
            }
            chunks++;
            if (read < chunk) {
                // Reached the end: everything up to head is committed and was seen or filtered out.
                return done(Math.max(position, head), false);
            }
            if (chunks >= MAX_CHUNKS) {
                return done(position, true);
            }
            return from(position);
        }

        /**
         * A cookie must point into this change log: not before what is retained, not past its head (a restored or
         * rebuilt database), and of its epoch. Otherwise the SRX would silently miss or repeat changes: 410.
         */
        private void checkCookie(long cursor, long head, long pruned) {
            if (cursor < pruned) {
                throw new ApiException(
                        410,
                        "cookie_expired",
                        "The cookie points before the retained change log; start over with a timestamp.");
            }
            if ((cookie.epoch() != null && !cookie.epoch().equals(epoch)) || cursor > head) {
                throw new ApiException(
                        410,
                        "cookie_expired",
                        "The cookie belongs to another change log (the view's database was rebuilt or restored);"
                                + " start over with a timestamp.");
            }
        }

        private Uni<BatchResponse> done(long position, boolean more) {
            return Uni.createFrom().item(new BatchResponse(cookies.encode(position, epoch, clientId), more, items));
        }
    }
}
