package dev.authsvc.query.session;

import dev.authsvc.query.config.QueryProperties;
import dev.authsvc.query.login.CommandServiceClient;
import dev.authsvc.query.token.access.AccessTokenClaims;
import dev.authsvc.query.token.access.AccessTokens;
import dev.authsvc.query.token.access.TokenSubject;
import dev.authsvc.query.token.access.VerifiedTokenCache;
import dev.authsvc.query.user.UserView;
import dev.authsvc.query.user.UserViewRepository;
import dev.authsvc.query.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login sessions as this service knows them: each is a family of refresh tokens, rotated on every use.
 * <ul>
 *   <li>A refresh token is valid {@code auth.tokens.refresh-token-lifetime} (30 days) from its issue and can be
 *   exchanged once, for a new refresh token (its child) and a new access token.</li>
 *   <li>A session ends {@code auth.session.max-lifetime} (30 days) after its login however often it was
 *   refreshed, and a refresh token is refused {@code auth.session.idle-timeout} (14 days) after its issue: a
 *   session unused that long ends. Either is answered like an expired token.</li>
 *   <li>Presenting an already exchanged token again means it was copied: the whole family is revoked, except
 *   when the token is the parent of the family's newest token and was exchanged less than
 *   {@code auth.tokens.refresh-reuse-grace} (10 s) ago; then the same child is returned again (two tabs
 *   refreshing at once, or a lost answer retried). The child is kept for that, sealed under a key derived from
 *   the parent ({@link RefreshTokenSecrets}), in the database, so it works across instances and restarts.</li>
 *   <li>A session ends by logout, by {@code SessionsRevoked} or a completed password reset on the topic, or by
 *   reuse, or by the user (DELETE /me/sessions/{sid}); its access tokens are then refused by every path that takes
 *   one, not only once they expire. A disabled user's sessions are all refused at once, likewise. A logout (in
 *   {@code SessionController}) and a reuse (here) are told to command-service at once, so it refuses the
 *   session's access tokens too.</li>
 * </ul>
 */
@Component
public class Sessions implements SchedulingConfigurer {

    static final String INVALID = "The refresh token is not valid.";
    static final String NOT_A_REFRESH_TOKEN = "'refresh_token' is not a refresh token.";
    static final String REVOKED_BY_REUSE = "refresh_token_reuse";
    /** The reason a session of a disabled user is revoked with, as the command side's {@code SessionsRevoked}. */
    static final String DISABLED = "admin";

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);
    private static final Duration SWEEP_OVERLAP = Duration.ofMinutes(1);

    private final RefreshTokenRepository repository;
    private final UserViewRepository users;
    private final AccessTokens accessTokens;
    private final CommandServiceClient commandService;
    private final VerifiedTokenCache verifiedTokens;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration refreshLifetime;
    private final Duration reuseGrace;
    private final Duration sessionMaxLifetime;
    private final Duration sessionIdleTimeout;
    /** Where the next sweep of sealed children starts (a key bound); null until the first sweep succeeded. */
    private volatile String sweptFrom;

    Sessions(RefreshTokenRepository repository, UserViewRepository users, AccessTokens accessTokens,
            CommandServiceClient commandService, VerifiedTokenCache verifiedTokens,
            PlatformTransactionManager transactionManager, Clock clock, QueryProperties properties) {
        this.repository = repository;
        this.users = users;
        this.accessTokens = accessTokens;
        this.commandService = commandService;
        this.verifiedTokens = verifiedTokens;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.refreshLifetime = properties.tokens().refreshTokenLifetime();
        this.reuseGrace = properties.tokens().refreshReuseGrace();
        this.sessionMaxLifetime = properties.session().maxLifetime();
        this.sessionIdleTimeout = properties.session().idleTimeout();
    }

    /**
     * A login that command-service verified, with the claims it answered, and where it came from: the client
     * address as this service resolved it and the {@code User-Agent} (either may be null).
     */
    public record Login(String userId, String sessionId, Instant authTime, String amr, String role, String email,
            boolean emailVerified, boolean phoneVerified, String clientAddress, String userAgent) {
    }

    /**
     * A session that goes on, as the session lists show it.
     *
     * @param method how the login was proved: {@code otp} or {@code pwd}
     * @param lastRefreshAt when its newest refresh token was issued (its login, if never refreshed)
     */
    public record LiveSession(String sessionId, String method, Instant startedAt, Instant lastRefreshAt,
            String clientAddress, String userAgent) {
    }

    public record TokenPair(String accessToken, String refreshToken, Duration expiresIn) {

        @Override
        public String toString() {
            return "TokenPair[accessToken=****, refreshToken=****, expiresIn=" + expiresIn + "]";
        }
    }

    /** Starts the session's token family and issues its first tokens. */
    public TokenPair start(Login login) {
        Instant now = clock.instant();
        String refreshToken = RefreshTokenSecrets.generate(now);
        RefreshSession session = new RefreshSession(login.sessionId(), login.userId(), login.authTime(), login.amr(),
                login.role(), login.email(), login.phoneVerified(), now, null, null,
                cut(login.clientAddress(), RefreshSession.CLIENT_ADDRESS_MAX),
                cut(login.userAgent(), RefreshSession.USER_AGENT_MAX));
        transactions.executeWithoutResult(status -> {
            repository.insertSession(session);
            repository.insertToken(new RefreshToken(RefreshTokenSecrets.key(refreshToken), login.sessionId(), now,
                    expiry(session, now), null, null, null));
        });
        return new TokenPair(accessTokens.issue(subject(session, Optional.empty(), login.emailVerified())).token(),
                refreshToken,
                accessTokenLifetime());
    }

    /** Exchanges a refresh token for a new pair; 401 for anything but a live token (see the class comment). */
    public TokenPair refresh(String presented) {
        if (!RefreshTokenSecrets.wellFormed(presented)) {
            throw invalid();
        }
        Exchange exchange = transactions.execute(status -> exchange(presented, RefreshTokenSecrets.key(presented)));
        if (exchange.subject() == null) {
            if (exchange.sessionId() != null) {
                // The session may have ended (reuse, a disable): its access tokens need verifying again.
                verifiedTokens.forgetSession(exchange.sessionId());
            }
            if (exchange.reuse()) {
                log.warn("A used refresh token of session {} was presented again: the session is revoked",
                        exchange.sessionId());
                commandService.endSession(exchange.userId(), exchange.sessionId(), REVOKED_BY_REUSE);
            }
            throw invalid();
        }
        return new TokenPair(accessTokens.issue(exchange.subject()).token(), exchange.child(), accessTokenLifetime());
    }

    /** A session that a logout named: whose it is, and which. */
    public record EndedSession(String userId, String sessionId) {
    }

    /** Ends the session of a verified access token (logout with the access token). */
    public EndedSession end(AccessTokenClaims claims, String reason) {
        transactions.executeWithoutResult(status ->
                repository.revokeSession(claims.sessionId(), clock.instant(), reason));
        verifiedTokens.forgetSession(claims.sessionId());
        return new EndedSession(claims.userId(), claims.sessionId());
    }

    /**
     * Ends the session a refresh token belongs to, if it is one of ours (logout with the refresh token); empty for
     * a token that is not. A value that cannot be a refresh token at all (not 43 base64url characters) is a
     * mistake the caller should hear of: 400 naming the field.
     */
    public Optional<EndedSession> endByRefreshToken(String presented, String reason) {
        if (!RefreshTokenSecrets.wellFormed(presented)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, NOT_A_REFRESH_TOKEN, "refresh_token", null, null);
        }
        Optional<EndedSession> ended = transactions.execute(status ->
                repository.findToken(RefreshTokenSecrets.key(presented))
                        .flatMap(token -> repository.findSession(token.sessionId()))
                        .map(session -> {
                            repository.revokeSession(session.sessionId(), clock.instant(), reason);
                            return new EndedSession(session.userId(), session.sessionId());
                        }));
        ended.ifPresent(session -> verifiedTokens.forgetSession(session.sessionId()));
        return ended;
    }

    /** The caller of a path that takes an access token: its verified claims, and its row in user_view if any. */
    public record ActiveSession(AccessTokenClaims claims, Optional<UserView> user) {
    }

    /**
     * The session of a verified access token, if it goes on: known, of that user, not ended, and the user not
     * disabled. Read from the database on every call (one query, with the user's row), so an ending or a disable
     * is in force as soon as its event is applied, on every instance, not when the token expires.
     */
    public Optional<ActiveSession> active(AccessTokenClaims claims) {
        return repository.findSessionWithUser(claims.sessionId())
                .filter(found -> found.session().userId().equals(claims.userId()) && !found.session().revoked()
                        && !disabled(found.user()) && !cutOff(found.session(), found.user()))
                .map(found -> new ActiveSession(claims, found.user()));
    }

    /** The user's sessions that go on (not ended, not expired, not idle too long), oldest login first. */
    public List<LiveSession> live(String userId) {
        Instant now = clock.instant();
        Optional<UserView> user = users.find(userId);
        if (disabled(user)) {
            return List.of();
        }
        return repository.findOpenSessions(userId).stream()
                .filter(open -> !overMaxLifetime(open.session(), now)
                        && now.isBefore(open.lastIssuedAt().plus(sessionIdleTimeout))
                        && now.isBefore(open.lastExpiresAt())
                        && !cutOff(open.session(), user))
                .map(open -> new LiveSession(open.session().sessionId(), open.session().amr(),
                        open.session().authTime(), open.lastIssuedAt(), open.session().clientAddress(),
                        open.session().userAgent()))
                .toList();
    }

    /**
     * Ends one of the user's own sessions that goes on, here, at once: its refresh tokens and access tokens are
     * refused from now on. False when the user has no such session (another user's, an ended one, an unknown id):
     * the caller cannot tell which.
     */
    public boolean endOwn(String userId, String sessionId, String reason) {
        boolean ended = Boolean.TRUE.equals(transactions.execute(status -> {
            boolean live = live(userId).stream().anyMatch(session -> session.sessionId().equals(sessionId));
            return live && repository.revokeSession(sessionId, clock.instant(), reason);
        }));
        if (ended) {
            verifiedTokens.forgetSession(sessionId);
        }
        return ended;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::cleanUp, CLEANUP_INTERVAL, CLEANUP_INTERVAL));
    }

    /** Forgets sealed children after the grace period, and tokens (then sessions) after they expired. */
    public void cleanUp() {
        Instant now = clock.instant();
        try {
            forgetSealedChildren(now.minus(reuseGrace));
            repository.deleteTokensExpiredBefore(now);
            repository.deleteExpiredSessions(now, now.minus(accessTokenLifetime()));
        } catch (RuntimeException e) {
            log.warn("Refresh token clean-up failed: {}", e.getClass().getName());
        }
    }

    /**
     * Forgets the sealed copies of the children issued before {@code issuedBefore} (a child exchanged in turn lost
     * its copy then). The first call after the start looks at every token; each later one only at the tokens issued
     * since the one before, by key range, and {@link #SWEEP_OVERLAP} more for a transaction that committed late
     * (every token again if the clock went back).
     */
    private void forgetSealedChildren(Instant issuedBefore) {
        String to = RefreshTokenSecrets.keyBound(issuedBefore);
        String from = sweptFrom != null && sweptFrom.compareTo(to) < 0 ? sweptFrom : null;
        repository.forgetSealedChildren(from, to, issuedBefore);
        sweptFrom = RefreshTokenSecrets.keyBound(issuedBefore.minus(SWEEP_OVERLAP));
    }

    private record Exchange(TokenSubject subject, String child, String userId, String sessionId, boolean reuse) {

        static Exchange refused(String sessionId) {
            return new Exchange(null, null, null, sessionId, false);
        }

        static Exchange reused(RefreshSession session) {
            return new Exchange(null, null, session.userId(), session.sessionId(), true);
        }
    }

    private Exchange exchange(String presented, String key) {
        Instant now = clock.instant();
        Optional<RefreshToken> found = repository.findToken(key);
        if (found.isEmpty()) {
            return Exchange.refused(null);
        }
        RefreshToken token = found.get();
        // The session and its user in one query.
        Optional<RefreshTokenRepository.SessionAndUser> sessionAndUser = repository.findSessionWithUser(token.sessionId());
        RefreshSession session = sessionAndUser.map(RefreshTokenRepository.SessionAndUser::session).orElse(null);
        if (session == null || session.revoked() || !token.expiresAt().isAfter(now) || overMaxLifetime(session, now)) {
            return Exchange.refused(token.sessionId());
        }
        Optional<UserView> user = sessionAndUser.get().user();
        if (disabled(user)) {
            repository.revokeSession(session.sessionId(), now, DISABLED);
            return Exchange.refused(token.sessionId());
        }
        if (cutOff(session, user)) {
            repository.revokeSession(session.sessionId(), now, "password_reset");
            return Exchange.refused(token.sessionId());
        }
        // Only the newest token tells when the session was last used; an older one goes on to the reuse check.
        if (!token.used() && idle(token, now)) {
            return Exchange.refused(token.sessionId());
        }
        if (!token.used()) {
            String child = RefreshTokenSecrets.generate(now);
            String childKey = RefreshTokenSecrets.key(child);
            if (repository.markUsed(key, now, childKey)) {
                repository.insertToken(new RefreshToken(childKey, session.sessionId(), now, expiry(session, now),
                        null, null, RefreshTokenSecrets.sealChild(child, presented)));
                return new Exchange(subject(session, user, false), child, session.userId(), session.sessionId(), false);
            }
            // Another request exchanged it a moment ago (its transaction committed while this one waited).
            token = repository.findToken(key).orElseThrow();
        }
        Optional<String> sameChild = childWithinGrace(token, presented, now);
        if (sameChild.isPresent()) {
            return new Exchange(subject(session, user, false), sameChild.get(), session.userId(), session.sessionId(),
                    false);
        }
        repository.revokeSession(session.sessionId(), now, REVOKED_BY_REUSE);
        return Exchange.reused(session);
    }

    /** A new refresh token's expiry: its own lifetime, but never past the session's end. */
    private Instant expiry(RefreshSession session, Instant now) {
        Instant own = now.plus(refreshLifetime);
        Instant sessionEnd = session.createdAt().plus(sessionMaxLifetime);
        return own.isBefore(sessionEnd) ? own : sessionEnd;
    }

    /** Checked besides the token's expiry, so a shorter setting applies to tokens issued before it. */
    private boolean overMaxLifetime(RefreshSession session, Instant now) {
        return !now.isBefore(session.createdAt().plus(sessionMaxLifetime));
    }

    private boolean idle(RefreshToken newest, Instant now) {
        return !now.isBefore(newest.issuedAt().plus(sessionIdleTimeout));
    }

    /** The child of a token exchanged within the grace period, while that child is still the newest token. */
    private Optional<String> childWithinGrace(RefreshToken token, String presented, Instant now) {
        if (token.childKey() == null || !token.usedAt().plus(reuseGrace).isAfter(now)) {
            return Optional.empty();
        }
        return repository.findToken(token.childKey())
                .filter(child -> !child.used() && child.sealedChild() != null)
                .flatMap(child -> RefreshTokenSecrets.openChild(child.sealedChild(), presented));
    }

    /**
     * The claims of the newer source: command-service's answer at login, or user_view when an event changed the
     * user after the login (both times are command-service's). At login the view may not have seen the events
     * of the login itself yet (the code that proved the phone, say). {@code email_verified} only ever turns true
     * (a verification link or a completed reset), so it is true when either command-service's answer at login
     * ({@code emailVerifiedAtLogin}) or user_view says so.
     */
    private static TokenSubject subject(RefreshSession session, Optional<UserView> user, boolean emailVerifiedAtLogin) {
        Optional<UserView> newer = user.filter(view -> view.updatedAt().isAfter(session.authTime()));
        return new TokenSubject(session.userId(), session.sessionId(), session.authTime(), session.amr(),
                newer.map(UserView::role).orElse(session.role()),
                newer.map(UserView::email).orElse(session.email()),
                emailVerifiedAtLogin || user.map(UserView::emailVerified).orElse(false),
                newer.map(UserView::phoneVerified).orElse(session.phoneVerified()));
    }

    /** Whether an admin disabled the user (until they are enabled again). */
    private static boolean disabled(Optional<UserView> user) {
        return user.map(UserView::disabled).orElse(false);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Whether an event that ended every session of the user (a password reset, a disable) came after this login. */
    private static boolean cutOff(RefreshSession session, Optional<UserView> user) {
        Instant before = user.map(UserView::sessionsRevokedBefore).orElse(null);
        return before != null && !session.authTime().isAfter(before);
    }

    private Duration accessTokenLifetime() {
        return accessTokens.lifetime();
    }

    private static ProblemException invalid() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, INVALID);
    }
}
