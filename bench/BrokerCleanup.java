import io.atrium.platform.Amqp;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Topology;

/**
 * Deletes the queues and exchanges of one bench run's prefix (ATRIUM_AMQP_PREFIX, atrium-bench-<name>-<pid>), as
 * the tests do after theirs: left behind, every run's quorum queues pile up in the shared RabbitMQ and slow later
 * runs down.
 * Run with the server's classpath: java -cp "modules/server/target/atrium-server.jar:modules/server/target/lib/*"
 * bench/BrokerCleanup.java
 */
public class BrokerCleanup {
  public static void main(String[] args) throws Exception {
    AtriumConfig config = AtriumConfig.load();
    String prefix = config.string("amqp.prefix");
    if (!prefix.matches("atrium-bench-[a-z]+-\\d+")) { // one run's own: never a deployment's, nor a shared bench prefix
      System.err.println("refusing: ATRIUM_AMQP_PREFIX must look like atrium-bench-<name>-<pid>, not " + prefix);
      System.exit(2);
    }
    try (var connection = Amqp.connect(config, "atrium-bench-cleanup"); var channel = connection.createChannel()) {
      new Topology(config).delete(channel);
    }
    System.out.println("deleted the queues and exchanges of " + prefix);
  }
}
