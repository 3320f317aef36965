/* Prepares the lag benchmark's group: writes RECORDS records to every partition of TOPIC, then commits
 * offset RECORDS/2 for every partition in the group GROUP, in one OffsetCommit.
 *   commit BOOTSTRAP TOPIC PARTITIONS GROUP RECORDS */
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>

static rd_kafka_t *client(rd_kafka_type_t type, const char *bootstrap, const char *group) {
    char error[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, error, sizeof error);
    rd_kafka_conf_set(conf, "linger.ms", "5", error, sizeof error);
    if (group) rd_kafka_conf_set(conf, "group.id", group, error, sizeof error);
    rd_kafka_t *rk = rd_kafka_new(type, conf, error, sizeof error);
    if (!rk) { fprintf(stderr, "rd_kafka_new: %s\n", error); exit(2); }
    return rk;
}

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: commit BOOTSTRAP TOPIC PARTITIONS GROUP RECORDS\n"); return 2; }
    const char *bootstrap = argv[1], *topic = argv[2], *group = argv[4];
    int partitions = atoi(argv[3]), records = atoi(argv[5]);
    rd_kafka_t *producer = client(RD_KAFKA_PRODUCER, bootstrap, NULL);
    for (int p = 0; p < partitions; p++)
        for (int r = 0; r < records; r++)
            while (rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(p),
                                     RD_KAFKA_V_VALUE("x", 1), RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
                rd_kafka_poll(producer, 10);
    if (rd_kafka_flush(producer, 60000)) { fprintf(stderr, "flush timed out\n"); return 2; }
    rd_kafka_destroy(producer);

    rd_kafka_t *consumer = client(RD_KAFKA_CONSUMER, bootstrap, group);
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; p++) rd_kafka_topic_partition_list_add(list, topic, p)->offset = records / 2;
    rd_kafka_resp_err_t err = rd_kafka_commit(consumer, list, 0);
    if (err) { fprintf(stderr, "commit: %s\n", rd_kafka_err2str(err)); return 2; }
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    return 0;
}
