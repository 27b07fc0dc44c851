package io.atrium.bench.reference;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.concurrent.ThreadLocalRandom;

/**
 * TFB's "single query" test: {@code GET /db} answers one random row of {@code world} (10,000 rows) as JSON.
 * One verticle per core, each with its own HTTP server (the port is shared) and its own small pool.
 * Usage: java -cp target/classes:target/lib/* io.atrium.bench.reference.SingleQuery PORT PG_URL
 */
public final class SingleQuery extends VerticleBase {

  private final int port;
  private final String pgUrl;
  private PreparedQuery<RowSet<Row>> query;

  SingleQuery(int port, String pgUrl) {
    this.port = port;
    this.pgUrl = pgUrl;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String pgUrl = args[1];
    int cores = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new SingleQuery(port, pgUrl), new DeploymentOptions().setInstances(cores))
        .onSuccess(id -> System.out.println("reference listening on " + port + " with " + cores + " verticles"))
        .onFailure(e -> { e.printStackTrace(); System.exit(1); });
  }

  @Override
  public Future<?> start() {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(PgConnectOptions.fromUri(pgUrl).setPipeliningLimit(16)).using(vertx).build();
    query = pool.preparedQuery("SELECT id, randomnumber FROM world WHERE id = $1");
    return vertx.createHttpServer().requestHandler(this::handle).listen(port);
  }

  private void handle(HttpServerRequest request) {
    if (!"/db".equals(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    query.execute(Tuple.of(1 + ThreadLocalRandom.current().nextInt(10_000))).onComplete(ar -> {
      if (ar.failed()) {
        request.response().setStatusCode(500).end();
        return;
      }
      Row row = ar.result().iterator().next();
      Buffer body = new JsonObject().put("id", row.getInteger(0)).put("randomNumber", row.getInteger(1)).toBuffer();
      request.response().putHeader("Content-Type", "application/json").end(body);
    });
  }
}
