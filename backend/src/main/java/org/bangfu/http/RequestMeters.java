package org.bangfu.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.impl.meters.LongGauges;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Vert.x's HTTP server metrics with each request's meters kept instead of looked up: the same
 * meters (names, descriptions, tags, counts) as vertx-micrometer-metrics' own, which on every
 * request built the request's tags and its response's, and looked up in the registry a gauge (a new
 * gauge builder each time), a summary, and a counter, a timer and a summary — 4–8 % of the event
 * loops' samples of a donor's single-row GET. Here they are looked up once per method, and per
 * method and status, and kept.
 *
 * <p>The library's own metrics stay for everything else (connections, bytes, the pool, the
 * PostgreSQL client, the JVM): {@link #factory} wraps its factory and takes over the request meters
 * only where their tags are the method and the status at most (the options Main sets: no local or
 * remote address, path or route label, no custom tags); otherwise the library's answer.
 */
public final class RequestMeters
    implements HttpServerMetrics<RequestMeters.Request, Object, Object> {

  /** The labels these meters can carry; with any other HTTP label enabled the library measures. */
  private static final Set<Label> OWN_LABELS = EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE);

  private static final Set<Label> HTTP_SERVER_LABELS =
      EnumSet.of(
          Label.LOCAL,
          Label.REMOTE,
          Label.HTTP_PATH,
          Label.HTTP_ROUTE,
          Label.HTTP_METHOD,
          Label.HTTP_CODE);

  /**
   * The long gauges of each registry, as the library keeps them (its factory's map is private): a
   * gauge registered once reads its adder from here, whichever Vert.x of the registry registered
   * it.
   */
  private static final Map<MeterRegistry, ConcurrentMap<Meter.Id, LongAdder>> GAUGES =
      new WeakHashMap<>(1);

  /**
   * Vert.x's Micrometer metrics on {@code registry}, with the HTTP server's request meters kept.
   */
  public static VertxMetricsFactory factory(MeterRegistry registry) {
    MicrometerMetricsFactory library = new MicrometerMetricsFactory(registry);
    return new VertxMetricsFactory() {
      @Override
      public VertxMetrics metrics(VertxOptions options) {
        VertxMetrics metrics = library.metrics(options);
        MetricsOptions given = options.getMetricsOptions();
        if (!(given instanceof MicrometerMetricsOptions micrometer)
            || micrometer.getServerRequestTagsProvider() != null) {
          return metrics;
        }
        Set<Label> http = EnumSet.noneOf(Label.class);
        micrometer.getLabels().stream().filter(HTTP_SERVER_LABELS::contains).forEach(http::add);
        if (!OWN_LABELS.containsAll(http)) {
          return metrics;
        }
        LongGauges gauges;
        synchronized (GAUGES) {
          gauges = new LongGauges(GAUGES.computeIfAbsent(registry, r -> new ConcurrentHashMap<>()));
        }
        return new Kept(metrics, registry, micrometer, gauges, http);
      }

      @Override
      public MetricsOptions newOptions(MetricsOptions options) {
        return library.newOptions(options);
      }

      @Override
      public MetricsOptions newOptions() {
        return library.newOptions();
      }

      @Override
      public MetricsOptions newOptions(io.vertx.core.json.JsonObject json) {
        return library.newOptions(json);
      }
    };
  }

  /** How the meters are found on a request's first use of a method, or a method and status. */
  interface Lookup {
    /** The meters of a method (its tags: the method, when that label is on). */
    ByMethod method(String method);

    /** The meters of a response (its tags: the method's and the status, when on). */
    ByStatus status(ByMethod method, int status);
  }

  private final HttpServerMetrics<Object, Object, Object> library;
  private final Lookup lookup;
  private final boolean methodLabel;
  private final ConcurrentMap<String, ByMethod> methods = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  RequestMeters(HttpServerMetrics<?, ?, ?> library, Lookup lookup, boolean methodLabel) {
    this.library = (HttpServerMetrics<Object, Object, Object>) library;
    this.lookup = lookup;
    this.methodLabel = methodLabel;
  }

  /** A request in flight: its method's meters and when it began. */
  public static final class Request {
    final ByMethod meters;
    final long began = System.nanoTime();
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;

    Request(ByMethod meters) {
      this.meters = meters;
    }
  }

  /**
   * One method's meters: the requests in flight, the requests' sizes and resets (each registered on
   * its first use, as the library does), and each status's.
   */
  static final class ByMethod {
    final Tags tags;
    final LongAdder active;
    private final Function<Tags, DistributionSummary> requestBytesOf;
    private final Function<Tags, Counter> resetsOf;
    private volatile DistributionSummary requestBytes;
    private volatile Counter resets;

    /** By status code (Vert.x's are three digits); a benign race registers a meter twice. */
    private final ByStatus[] statuses = new ByStatus[1000];

    ByMethod(
        Tags tags,
        LongAdder active,
        Function<Tags, DistributionSummary> requestBytesOf,
        Function<Tags, Counter> resetsOf) {
      this.tags = tags;
      this.active = active;
      this.requestBytesOf = requestBytesOf;
      this.resetsOf = resetsOf;
    }

    DistributionSummary requestBytes() {
      DistributionSummary s = requestBytes;
      if (s == null) {
        s = requestBytesOf.apply(tags);
        requestBytes = s;
      }
      return s;
    }

    Counter resets() {
      Counter c = resets;
      if (c == null) {
        c = resetsOf.apply(tags);
        resets = c;
      }
      return c;
    }
  }

  /** A response's meters: how many, how long, how large. */
  record ByStatus(Counter requests, Timer time, DistributionSummary bytes) {}

  private ByMethod meters(HttpMethod method) {
    String key = methodLabel ? method.name() : "";
    ByMethod known = methods.get(key);
    return known != null ? known : methods.computeIfAbsent(key, lookup::method);
  }

  private ByStatus meters(ByMethod method, int status) {
    if (status < 0 || status >= method.statuses.length) {
      return lookup.status(method, status);
    }
    ByStatus known = method.statuses[status];
    if (known == null) {
      known = lookup.status(method, status);
      method.statuses[status] = known;
    }
    return known;
  }

  @Override
  public Request requestBegin(Object socket, HttpRequest request) {
    Request r = new Request(meters(request.method()));
    r.meters.active.increment();
    return r;
  }

  @Override
  public void requestEnd(Request r, HttpRequest request, long bytesRead) {
    r.meters.requestBytes().record(bytesRead);
    r.requestEnded = true;
    if (!r.reset && r.responseEnded) {
      r.meters.active.decrement();
    }
  }

  @Override
  public void requestReset(Request r) {
    r.meters.resets().increment();
    r.meters.active.decrement();
    r.reset = true;
  }

  /**
   * As the library: a pushed response's meters carry no method (it drops the tag it adds); HTTP/2
   * is off here anyway.
   */
  @Override
  public Request responsePushed(
      Object socket, HttpMethod method, String uri, HttpResponse response) {
    Request r = new Request(methods.computeIfAbsent("\0pushed", k -> lookup.method(null)));
    r.meters.active.increment();
    return r;
  }

  @Override
  public void responseEnd(Request r, HttpResponse response, long bytesWritten) {
    ByStatus s = meters(r.meters, response.statusCode());
    s.requests().increment();
    s.time().record(System.nanoTime() - r.began, TimeUnit.NANOSECONDS);
    s.bytes().record(bytesWritten);
    r.responseEnded = true;
    if (!r.reset && r.requestEnded) {
      r.meters.active.decrement();
    }
  }

  @Override
  public void requestRouted(Request r, String route) {
    // the route label is off (the library keeps the routes only for it)
  }

  @Override
  public Object connected(Object socket, Request r, ServerWebSocket webSocket) {
    return library.connected(socket, null, webSocket);
  }

  @Override
  public void disconnected(Object webSocket) {
    library.disconnected(webSocket);
  }

  @Override
  public Object connected(SocketAddress remoteAddress, String remoteName) {
    return library.connected(remoteAddress, remoteName);
  }

  @Override
  public void disconnected(Object socket, SocketAddress remoteAddress) {
    library.disconnected(socket, remoteAddress);
  }

  @Override
  public void bytesRead(Object socket, SocketAddress remoteAddress, long numberOfBytes) {
    library.bytesRead(socket, remoteAddress, numberOfBytes);
  }

  @Override
  public void bytesWritten(Object socket, SocketAddress remoteAddress, long numberOfBytes) {
    library.bytesWritten(socket, remoteAddress, numberOfBytes);
  }

  @Override
  public void exceptionOccurred(Object socket, SocketAddress remoteAddress, Throwable t) {
    library.exceptionOccurred(socket, remoteAddress, t);
  }

  @Override
  public void close() {
    library.close();
  }

  /**
   * The meters looked up in the registry under the library's names, descriptions and tags ({@code
   * VertxHttpServerMetrics}).
   */
  static Lookup registryLookup(
      MeterRegistry registry, MetricsNaming names, LongGauges gauges, Set<Label> labels) {
    boolean method = labels.contains(Label.HTTP_METHOD);
    boolean code = labels.contains(Label.HTTP_CODE);
    Meter.MeterProvider<Counter> resets =
        Counter.builder(names.getHttpRequestResetsCount())
            .description("Number of request resets")
            .withRegistry(registry);
    Meter.MeterProvider<DistributionSummary> requestBytes =
        DistributionSummary.builder(names.getHttpRequestBytes())
            .description("Size of requests in bytes")
            .withRegistry(registry);
    Meter.MeterProvider<Counter> requests =
        Counter.builder(names.getHttpRequestsCount())
            .description("Number of processed requests")
            .withRegistry(registry);
    Meter.MeterProvider<Timer> time =
        Timer.builder(names.getHttpResponseTime())
            .description("Request processing time")
            .withRegistry(registry);
    Meter.MeterProvider<DistributionSummary> responseBytes =
        DistributionSummary.builder(names.getHttpResponseBytes())
            .description("Size of responses in bytes")
            .withRegistry(registry);
    return new Lookup() {
      @Override
      public ByMethod method(String name) {
        Tags tags =
            method && name != null ? Tags.of(Label.HTTP_METHOD.toString(), name) : Tags.empty();
        LongAdder active =
            gauges
                .builder(names.getHttpActiveRequests(), LongAdder::doubleValue)
                .description("Number of requests being processed")
                .tags(tags)
                .register(registry);
        return new ByMethod(tags, active, requestBytes::withTags, resets::withTags);
      }

      @Override
      public ByStatus status(ByMethod m, int status) {
        Tags tags = code ? m.tags.and(Label.HTTP_CODE.toString(), String.valueOf(status)) : m.tags;
        return new ByStatus(
            requests.withTags(tags), time.withTags(tags), responseBytes.withTags(tags));
      }
    };
  }

  /** The library's metrics with the HTTP servers' request meters kept. */
  private static final class Kept implements VertxMetrics {
    private final VertxMetrics library;
    private final MeterRegistry registry;
    private final MetricsNaming names;
    private final LongGauges gauges;
    private final Set<Label> labels;

    Kept(
        VertxMetrics library,
        MeterRegistry registry,
        MicrometerMetricsOptions options,
        LongGauges gauges,
        Set<Label> labels) {
      this.library = library;
      this.registry = registry;
      this.names =
          options
              .getMetricsNaming()
              .withBaseName("vertx." + MetricsDomain.HTTP_SERVER.toCategory() + ".");
      this.gauges = gauges;
      this.labels = labels;
    }

    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(
        HttpServerOptions options, SocketAddress localAddress) {
      HttpServerMetrics<?, ?, ?> own = library.createHttpServerMetrics(options, localAddress);
      return own == null
          ? null
          : new RequestMeters(
              own,
              registryLookup(registry, names, gauges, labels),
              labels.contains(Label.HTTP_METHOD));
    }

    @Override
    public EventBusMetrics<?> createEventBusMetrics() {
      return library.createEventBusMetrics();
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(
        SocketAddress remoteAddress, String type, String namespace) {
      return library.createClientMetrics(remoteAddress, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return library.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(
        NetServerOptions options, SocketAddress localAddress) {
      return library.createNetServerMetrics(options, localAddress);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return library.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return library.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
      return library.createPoolMetrics(type, name, maxSize);
    }

    @Override
    public void vertxCreated(io.vertx.core.Vertx vertx) {
      library.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return library.isMetricsEnabled();
    }

    @Override
    public void close() {
      library.close();
    }
  }
}
