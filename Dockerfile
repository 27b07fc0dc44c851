# One image for both processes: `atrium api` and `atrium worker`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/modules/server/target/atrium-server.jar /app/atrium-server.jar
COPY --from=build /src/modules/server/target/lib /app/lib
COPY --from=build /src/config/jvm-defaults.sh /app/jvm-defaults.sh
# The same memory defaults as ./atrium (config/jvm-defaults.sh); ATRIUM_JAVA_OPTS comes after them.
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["sh", "-c", "exec java $(sh /app/jvm-defaults.sh) $ATRIUM_JAVA_OPTS -cp '/app/atrium-server.jar:/app/lib/*' io.atrium.server.Atrium \"$@\"", "atrium"]
CMD ["api"]
