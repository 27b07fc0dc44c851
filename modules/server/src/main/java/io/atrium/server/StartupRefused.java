package io.atrium.server;

/**
 * A start that cannot succeed because of a setting (a port in use, a wrong format, credentials refused):
 * {@code ./atrium} prints its message as one line naming the setting and exits with status 2, before starting
 * or migrating anything.
 */
final class StartupRefused extends RuntimeException {

  StartupRefused(String message) {
    super(message, null, false, false);
  }

  /** Refuses a start whose HTTP port is taken, before anything is started or migrated (0: any free port). */
  static void unlessPortFree(int port) {
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket(port)) {
      probe.getLocalPort();
    } catch (java.io.IOException e) {
      throw new StartupRefused(io.atrium.platform.AtriumConfig.envName("http.port") + "=" + port
          + ": the port is in use by another process (" + e.getMessage() + "); stop it or choose another port");
    }
  }
}
