{{/* A variable read from a Secret; call with (dict "name" .. "secret" .. "key" .. "optional" bool). */}}
{{- define "sentinel.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* One service's environment. Call with (dict "root" $ "service" "detector" "values" <merged>). */}}
{{- define "sentinel.env" -}}
{{- $root := .root -}}
{{- $service := .service -}}
{{- $values := $root.Values -}}
{{- $own := .values -}}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: optional:file:/etc/sentinel/config/
# Probes and Prometheus reach the management port from outside the pod; the NetworkPolicy says who.
- name: SENTINEL_MANAGEMENT_ADDRESS
  value: 0.0.0.0
- name: SENTINEL_KAFKA_BOOTSTRAP_SERVERS
  value: {{ $values.kafka.bootstrapServers | quote }}
- name: SENTINEL_KAFKA_SECURITY_PROTOCOL
  value: {{ $values.kafka.securityProtocol | quote }}
{{- with $values.kafka.sasl }}
{{- if .mechanism }}
- name: SENTINEL_KAFKA_SASL_MECHANISM
  value: {{ .mechanism | quote }}
{{- if .usernameKey }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_KAFKA_SASL_USERNAME" "secret" .existingSecret "key" .usernameKey) }}
{{- else }}
- name: SENTINEL_KAFKA_SASL_USERNAME
  value: {{ .username | quote }}
{{- end }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_KAFKA_SASL_PASSWORD" "secret" .existingSecret "key" .passwordKey) }}
{{- end }}
{{- end }}
{{- with $values.kafka.tls.truststore }}
{{- if .existingSecret }}
- name: SENTINEL_KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/sentinel/kafka/truststore/%s" .key | quote }}
- name: SENTINEL_KAFKA_SSL_TRUSTSTORE_TYPE
  value: {{ .type | quote }}
{{- if .passwordKey }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_KAFKA_SSL_TRUSTSTORE_PASSWORD" "secret" .existingSecret "key" .passwordKey) }}
{{- end }}
{{- end }}
{{- end }}
{{- with $values.kafka.tls.keystore }}
{{- if .existingSecret }}
- name: SENTINEL_KAFKA_SSL_KEYSTORE_LOCATION
  value: {{ printf "/etc/sentinel/kafka/keystore/%s" .key | quote }}
- name: SENTINEL_KAFKA_SSL_KEYSTORE_TYPE
  value: {{ .type | quote }}
{{- if .passwordKey }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_KAFKA_SSL_KEYSTORE_PASSWORD" "secret" .existingSecret "key" .passwordKey) }}
{{- end }}
{{- if .keyPasswordKey }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_KAFKA_SSL_KEY_PASSWORD" "secret" .existingSecret "key" .keyPasswordKey) }}
{{- end }}
{{- end }}
{{- end }}
- name: SENTINEL_DB_URL
  value: {{ $values.database.url | quote }}
{{- with $values.database.credentials }}
{{- $secret := include "sentinel.forService" (dict "template" .secretName "service" $service) }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_DB_USER" "secret" $secret "key" .usernameKey) }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_DB_PASSWORD" "secret" $secret "key" .passwordKey) }}
{{- if .migrationSecretName }}
{{- $migration := include "sentinel.forService" (dict "template" .migrationSecretName "service" $service) }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_DB_MIGRATION_USER" "secret" $migration "key" .usernameKey) }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_DB_MIGRATION_PASSWORD" "secret" $migration "key" .passwordKey) }}
{{- end }}
{{- end }}
- name: SENTINEL_SIGNING_KEY_ID
  value: {{ include "sentinel.forService" (dict "template" $values.signing.keyId "service" $service) | quote }}
- name: SENTINEL_SIGNING_PRIVATE_KEY_FILE
  value: /etc/sentinel/signing/private.key
{{- range $name := include "sentinel.serviceNames" . | fromYamlArray }}
{{ include "sentinel.secretEnv" (dict "name" (printf "SENTINEL_TRUSTED_KEY_%s" (include "sentinel.envName" $name)) "secret" $values.signing.existingSecret "key" (include "sentinel.forService" (dict "template" $values.signing.publicKeyKey "service" $name))) }}
{{- end }}
{{- if $values.tracing.otlpEndpoint }}
- name: SENTINEL_OTLP_ENDPOINT
  value: {{ $values.tracing.otlpEndpoint | quote }}
{{- end }}
{{- if eq $service "collector" }}
{{- if $own.ingestToken.existingSecret }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_INGEST_TOKEN" "secret" $own.ingestToken.existingSecret "key" $own.ingestToken.key "optional" true) }}
{{- end }}
{{- else if eq $service "analyzer" }}
{{- if $values.llm.baseUrl }}
- name: SENTINEL_LLM_BASE_URL
  value: {{ $values.llm.baseUrl | quote }}
{{- end }}
{{- if $values.llm.model }}
- name: SENTINEL_LLM_MODEL
  value: {{ $values.llm.model | quote }}
{{- end }}
{{- if $values.llm.apiKey.existingSecret }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_LLM_API_KEY" "secret" $values.llm.apiKey.existingSecret "key" $values.llm.apiKey.key) }}
{{- end }}
{{- else if eq $service "notifier" }}
{{- range $own.webhooks }}
{{ include "sentinel.secretEnv" (dict "name" (printf "SENTINEL_WEBHOOK_SECRET_%s" (include "sentinel.envName" .name)) "secret" .secret.existingSecret "key" .secret.key) }}
{{- end }}
{{- else if eq $service "gateway" }}
{{- if $values.oidc.issuerUri }}
- name: SENTINEL_OIDC_ISSUER_URI
  value: {{ $values.oidc.issuerUri | quote }}
{{- end }}
{{- if $values.slack.signingSecret.existingSecret }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_SLACK_SIGNING_SECRET" "secret" $values.slack.signingSecret.existingSecret "key" $values.slack.signingSecret.key) }}
{{- end }}
{{- if $own.bootstrapAdminKey.existingSecret }}
{{ include "sentinel.secretEnv" (dict "name" "SENTINEL_BOOTSTRAP_ADMIN_KEY" "secret" $own.bootstrapAdminKey.existingSecret "key" $own.bootstrapAdminKey.key "optional" true) }}
{{- end }}
{{- end }}
{{- range $own.secretEnv }}
{{ include "sentinel.secretEnv" (dict "name" .name "secret" .secretName "key" .key) }}
{{- end }}
{{- with $own.env }}
{{ toYaml . }}
{{- end }}
{{- end -}}
