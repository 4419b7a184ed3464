package dev.proxima.serve;

import dev.proxima.serve.http.HttpApi;
import java.nio.file.Path;

/** A service process for the crash test: prints its port, then serves until it is killed. */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        ServeConfig c = ServeConfig.defaults(Path.of(args[0]), "0123456789abcdef0123456789abcdef").withPort(0);
        DecisionService service = new DecisionService(c, System::currentTimeMillis);
        var app = HttpApi.start(service);
        System.out.println("PORT " + app.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
