package se.bokvar.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own figures as Prometheus gauges (names fixed in docs/drift/metrik.md):
 * <ul>
 *   <li>{@code bokvar_engine_incidents_open}: incidents not yet resolved;</li>
 *   <li>{@code bokvar_engine_external_tasks_waiting{topic}}: external tasks a worker could
 *       fetch now (not locked, not suspended, retries left), per topic;</li>
 *   <li>{@code bokvar_engine_jobs_due}: jobs (timers, asynchronous steps) whose time has
 *       come, with retries left, not suspended: the job executor's backlog;</li>
 *   <li>{@code bokvar_engine_jobs_failed}: jobs with no retries left (each has an incident).</li>
 * </ul>
 * Count queries through the engine's API, run on a timer rather than on each scrape, so
 * that neither a scrape nor several scrapers weigh on the database. The figures cover the
 * whole engine database: every node reports the same values.
 */
public class EngineMetrics implements MeterBinder, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineMetrics.class);

  private final RuntimeService runtime;
  private final ManagementService management;
  private final ExternalTaskService externalTasks;
  private final Duration interval;
  private final AtomicLong incidentsOpen = new AtomicLong();
  private final AtomicLong jobsDue = new AtomicLong();
  private final AtomicLong jobsFailed = new AtomicLong();
  /** A topic once seen stays, at 0 when nothing waits: a queue that empties shows as 0, not as a gap. */
  private final Map<String, AtomicLong> waitingByTopic = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "bokvar-engine-metrics");
    thread.setDaemon(true);
    return thread;
  });
  private volatile MeterRegistry registry;
  private volatile boolean lastRefreshFailed;

  EngineMetrics(ProcessEngine engine, Duration interval) {
    this.runtime = engine.getRuntimeService();
    this.management = engine.getManagementService();
    this.externalTasks = engine.getExternalTaskService();
    this.interval = interval;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("bokvar.engine.incidents.open", incidentsOpen, AtomicLong::get)
        .description("Open incidents in the engine")
        .register(registry);
    Gauge.builder("bokvar.engine.jobs.due", jobsDue, AtomicLong::get)
        .description("Jobs due now with retries left, not suspended")
        .register(registry);
    Gauge.builder("bokvar.engine.jobs.failed", jobsFailed, AtomicLong::get)
        .description("Jobs with no retries left")
        .register(registry);
    timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    try {
      incidentsOpen.set(runtime.createIncidentQuery().count());
      jobsDue.set(management.createJobQuery().executable().active().count());
      jobsFailed.set(management.createJobQuery().noRetriesLeft().count());
      for (String topic : externalTasks.getTopicNames()) waitingByTopic.computeIfAbsent(topic, this::topicGauge);
      waitingByTopic.forEach((topic, waiting) ->
          waiting.set(externalTasks.createExternalTaskQuery().topicName(topic).notLocked().active().withRetriesLeft().count()));
      if (lastRefreshFailed) LOG.info("Motorns mätvärden uppdateras igen");
      lastRefreshFailed = false;
    } catch (RuntimeException e) {
      // Once per outage (the database away, the engine stopping), not every interval.
      if (!lastRefreshFailed) LOG.warn("Motorns mätvärden kunde inte uppdateras: {}", e.getClass().getSimpleName());
      lastRefreshFailed = true;
    }
  }

  private AtomicLong topicGauge(String topic) {
    AtomicLong waiting = new AtomicLong();
    Gauge.builder("bokvar.engine.external_tasks.waiting", waiting, AtomicLong::get)
        .description("External tasks waiting for a worker (not locked, not suspended, retries left)")
        .tag("topic", topic)
        .register(registry);
    return waiting;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
