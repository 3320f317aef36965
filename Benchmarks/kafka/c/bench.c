/*
 * librdkafka from C, the baseline for the Swift client: the same settings and the same work.
 *   bench produce|consume|drain BOOTSTRAP TOPIC COUNT PARTITIONS  -> prints messages per second
 * Produce: 100-byte values, acks=all, idempotence, linger.ms=5; delivery reports read as batched events
 * on a poller thread (the fastest way librdkafka offers). Consume: assign all partitions from the start.
 */
#include <librdkafka/rdkafka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void set(rd_kafka_conf_t *conf, const char *key, const char *value) {
        char err[512];
        if (rd_kafka_conf_set(conf, key, value, err, sizeof err) != RD_KAFKA_CONF_OK) {
                fprintf(stderr, "%s: %s\n", key, err);
                exit(2);
        }
}

struct poller { rd_kafka_queue_t *queue; long target; long delivered; long failed; };

static void *poll_reports(void *arg) {
        struct poller *p = arg;
        const rd_kafka_message_t *messages[1024];
        while (p->delivered + p->failed < p->target) {
                rd_kafka_event_t *event = rd_kafka_queue_poll(p->queue, 100);
                if (!event) continue;
                if (rd_kafka_event_type(event) == RD_KAFKA_EVENT_DR) {
                        size_t n;
                        while ((n = rd_kafka_event_message_array(event, messages, 1024)) > 0)
                                for (size_t i = 0; i < n; i++) {
                                        if (messages[i]->err) p->failed++; else p->delivered++;
                                }
                }
                rd_kafka_event_destroy(event);
        }
        return NULL;
}

static double produce(const char *bootstrap, const char *topic, long count) {
        char err[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        set(conf, "bootstrap.servers", bootstrap);
        set(conf, "acks", "all");
        set(conf, "enable.idempotence", "true");
        set(conf, "linger.ms", "5");
        set(conf, "sticky.partitioning.linger.ms", "0");
        rd_kafka_conf_set_events(conf, RD_KAFKA_EVENT_DR);
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
        if (!rk) { fprintf(stderr, "%s\n", err); exit(2); }
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
        struct poller p = { rd_kafka_queue_get_main(rk), count, 0, 0 };
        char value[100];
        memset(value, 'a', sizeof value);
        double start = now();
        pthread_t thread;
        pthread_create(&thread, NULL, poll_reports, &p);
        for (long i = 0; i < count; ) {
                rd_kafka_resp_err_t e = rd_kafka_producev(rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_VALUE(value, sizeof value),
                                                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
                if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) { struct timespec ts = {0, 100000}; nanosleep(&ts, NULL); continue; }
                if (e) { fprintf(stderr, "produce: %s\n", rd_kafka_err2str(e)); exit(2); }
                i++;
        }
        pthread_join(thread, NULL);
        double elapsed = now() - start;
        if (p.failed) { fprintf(stderr, "%ld failed\n", p.failed); exit(2); }
        rd_kafka_queue_destroy(p.queue);
        rd_kafka_topic_destroy(rkt);
        rd_kafka_destroy(rk);
        return elapsed;
}

/* consume: COUNT messages, timed from the first one, so fetching is part of it but not the ~0.5 s librdkafka
 * takes to look up the starting offsets and open the fetch sessions (the same fixed wait for every client).
 * drain: the same, with a pause after the first message while librdkafka prefetches the rest: what the
 * client itself costs per message, with the broker out of the measurement. */
static double consume(const char *bootstrap, const char *topic, long count, int partitions, int drain) {
        char err[512], group[64];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        snprintf(group, sizeof group, "bench-c-%ld", (long)time(NULL));
        set(conf, "bootstrap.servers", bootstrap);
        set(conf, "group.id", group);
        set(conf, "enable.auto.commit", "false");
        set(conf, "auto.offset.reset", "earliest");
        /* What the Swift library sets unless told otherwise: with librdkafka 2.0.2's default of 100000, a fetch
         * burst fills the queue and partitions not yet fetched wait up to a second, so every client stalls in
         * some runs. The same setting here compares the clients rather than that stall. */
        set(conf, "queued.min.messages", "1000000");
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
        if (!rk) { fprintf(stderr, "%s\n", err); exit(2); }
        rd_kafka_poll_set_consumer(rk);
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(partitions);
        for (int i = 0; i < partitions; i++)
                rd_kafka_topic_partition_list_add(list, topic, i)->offset = RD_KAFKA_OFFSET_BEGINNING;
        rd_kafka_assign(rk, list);
        rd_kafka_topic_partition_list_destroy(list);
        long read = 0, bytes = 0;
        while (read < 1) {
                rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
                if (!m) continue;
                if (!m->err) { read++; bytes += (long)m->len; }
                rd_kafka_message_destroy(m);
        }
        if (drain) sleep(3);
        double start = now();
        while (read < count) {
                rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
                if (!m) continue;
                if (!m->err) { read++; bytes += (long)m->len; }
                rd_kafka_message_destroy(m);
        }
        double elapsed = (now() - start) * (double)count / (double)(count - 1);
        if (bytes != read * 100) { fprintf(stderr, "unexpected payload sizes\n"); exit(2); }
        rd_kafka_consumer_close(rk);
        rd_kafka_destroy(rk);
        return elapsed;
}

int main(int argc, char **argv) {
        if (argc != 6) { fprintf(stderr, "usage: bench produce|consume|drain BOOTSTRAP TOPIC COUNT PARTITIONS\n"); return 64; }
        long count = atol(argv[4]);
        double seconds = strcmp(argv[1], "produce") == 0 ? produce(argv[2], argv[3], count)
                                                         : consume(argv[2], argv[3], count, atoi(argv[5]), strcmp(argv[1], "drain") == 0);
        printf("%.0f\n", count / seconds);
        return 0;
}
