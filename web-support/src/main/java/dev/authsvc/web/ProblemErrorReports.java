package dev.authsvc.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Makes Tomcat's own error answers problems too. Some requests never reach Spring MVC: headers over the size
 * limit, a malformed request line. Tomcat answers those itself, with an HTML page from its error report valve;
 * this replaces that valve with one that writes the same RFC 9457 problem as everything else. Register it as a
 * bean in each service.
 */
public class ProblemErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(ProblemErrorReports::install);
    }

    /** After Spring Boot's own customizer, which adds the HTML valve this one replaces. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void install(Context context) {
        Container host = context.getParent();
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemValve)) {
                pipeline.removeValve(valve);
            }
        }
        pipeline.addValve(new ProblemValve());
        if (host instanceof StandardHost standardHost) {
            // Otherwise the host adds its default HTML valve at start.
            standardHost.setErrorReportValveClass(ProblemValve.class.getName());
        }
    }

    /** Tomcat's error report valve, answering with a problem instead of an HTML page. */
    public static class ProblemValve extends ErrorReportValve {

        static final String MALFORMED = "The request line or headers are malformed or too large.";

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            HttpStatus status = HttpStatus.resolve(response.getStatus());
            // As the HTML valve: nothing for a success, nor when an answer is written already or was not asked for.
            if (status == null || !status.isError() || response.getContentWritten() > 0
                    || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            String sentence = status == HttpStatus.BAD_REQUEST ? MALFORMED : status.getReasonPhrase() + ".";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(Problems.json(status, sentence));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException clientGone) {
                // Nothing more can be told to this client.
            }
        }
    }
}
