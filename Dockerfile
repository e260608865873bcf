# One image recipe for every service: docker build --build-arg SERVICE=command-service --build-arg PORT=8081 .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
ARG SERVICE
RUN ./mvnw -B -q -DskipTests -pl "${SERVICE}" -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
ARG PORT
ENV PORT="${PORT}" \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Ddisable-axoniq-console-message=true"
RUN useradd --system --uid 10001 --home-dir /app app
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*.jar /app/app.jar
USER app
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=6 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /actuator/health HTTP/1.0\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
