import Kafka

// A credential written into the source (security-credentials-from-secrets).
let producerSecurity = ["security.protocol": "SASL_SSL", "sasl.password": "hunter2"]
