#ifndef CRDKAFKA_SHIM_H
#define CRDKAFKA_SHIM_H

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

/*
 * Swift cannot call C variadic functions. These inline wrappers give the few
 * variadic librdkafka entry points the project needs a fixed signature.
 */

/// Pushes one error with a round-trip time onto a single mock broker's stack for `apikey`.
static inline rd_kafka_resp_err_t
crdkafka_mock_broker_push_request_error_rtt(rd_kafka_mock_cluster_t *mcluster,
                                           int32_t broker_id,
                                           int16_t apikey,
                                           rd_kafka_resp_err_t err,
                                           int rtt_ms) {
        return rd_kafka_mock_broker_push_request_error_rtts(
            mcluster, broker_id, apikey, 1, err, rtt_ms);
}

#endif
