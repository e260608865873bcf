package dev.authsvc.gateway.pages;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The pages a mailed link opens: {@code GET /reset-password?token=…} and {@code GET /verify-email?token=…}.
 * Plain HTML with a small script that calls the API on this origin. The token sits in the URL, so the pages
 * send no Referer, are never cached, may not be framed and run only this origin's scripts.
 */
@Configuration(proxyBeanMethods = false)
class Pages {

    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'";

    private static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);
    private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    @Bean
    RouterFunction<ServerResponse> pageRoutes() {
        return route()
                .GET("/reset-password", request -> page("reset-password.html", HTML))
                .GET("/verify-email", request -> page("verify-email.html", HTML))
                .GET("/assets/auth.css", request -> page("auth.css", CSS))
                .GET("/assets/reset-password.js", request -> page("reset-password.js", JAVASCRIPT))
                .GET("/assets/verify-email.js", request -> page("verify-email.js", JAVASCRIPT))
                .build();
    }

    private static ServerResponse page(String name, MediaType type) {
        return ServerResponse.ok()
                .contentType(type)
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .body(new ClassPathResource("pages/" + name));
    }
}
