package dev.authsvc.command.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Stamps every command sent while serving an HTTP request with the request id, the client address, the user
 * agent and, when an access token came with it, the acting user's id (the admin, for an admin command); {@link AuditConfiguration} copies them onto the events the command causes, so an auditor can tell
 * where each change came from. A request id from {@value #REQUEST_ID_HEADER} is kept when it looks like one
 * (the gateway sets it), otherwise a new one is made.
 */
@Component
public class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String REQUEST_ID = "request_id";
    public static final String CLIENT_ADDRESS = "client_address";
    public static final String USER_AGENT = "user_agent";
    /** The user whose access token sent the command (an admin, for the admin commands); absent without a token. */
    public static final String ACTING_USER_ID = "acting_user_id";

    static final int MAX_USER_AGENT_LENGTH = 256;
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        Map<String, String> metadata = currentRequest();
        return (index, command) -> metadata.isEmpty() ? command : command.andMetaData(metadata);
    }

    private static Map<String, String> currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return Map.of();
        }
        HttpServletRequest request = servlet.getRequest();
        Map<String, String> metadata = new HashMap<>();
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        metadata.put(REQUEST_ID, requestId != null && SAFE_REQUEST_ID.matcher(requestId).matches()
                ? requestId
                : UUID.randomUUID().toString());
        // With server.forward-headers-strategy=native, Tomcat resolves X-Forwarded-For from trusted proxies.
        metadata.put(CLIENT_ADDRESS, request.getRemoteAddr());
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null) {
            metadata.put(USER_AGENT, userAgent.length() > MAX_USER_AGENT_LENGTH
                    ? userAgent.substring(0, MAX_USER_AGENT_LENGTH)
                    : userAgent);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && token.getToken().getSubject() != null) {
            metadata.put(ACTING_USER_ID, token.getToken().getSubject());
        }
        return metadata;
    }
}
