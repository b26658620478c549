{{/*
One service's Spring configuration, mounted as /etc/sentinel/config/<service>.yaml over the
<service>.yaml inside the image (SPRING_CONFIG_ADDITIONAL_LOCATION). Secrets are never in it: they
come from the environment, filled from Secrets, as ${VARIABLE} placeholders.
Call with (dict "root" $ "service" "detector").
*/}}
{{- define "sentinel.config" -}}
{{- $root := .root -}}
{{- $service := .service -}}
{{- $values := $root.Values -}}
{{- $own := index $values $service -}}
{{- $sentinel := dict -}}

{{- $_ := set $sentinel "kafka" (dict
      "provision" $values.kafka.topics.provision
      "partitions" $values.kafka.topics.partitions
      "replication-factor" $values.kafka.topics.replicationFactor
      "min-insync-replicas" $values.kafka.topics.minInsyncReplicas) -}}
{{- $_ := set $sentinel "db" (dict "pool-size" $values.database.poolSize) -}}

{{- /* Every service trusts the seven services' public keys, read from the signing Secret. */ -}}
{{- $trusted := list -}}
{{- range $name := include "sentinel.serviceNames" . | fromYamlArray -}}
{{- $trusted = append $trusted (dict
      "id" (include "sentinel.forService" (dict "template" $values.signing.keyId "service" $name))
      "service" $name
      "public-key" (printf "${SENTINEL_TRUSTED_KEY_%s}" (include "sentinel.envName" $name))) -}}
{{- end -}}
{{- range $values.signing.extraTrustedKeys -}}
{{- $trusted = append $trusted (dict "id" .id "service" .service "public-key" .publicKey) -}}
{{- end -}}
{{- $_ := set $sentinel "signing" (dict "trusted-keys" $trusted) -}}

{{- if has $service (list "analyzer" "policy" "executor" "gateway") -}}
{{- $inventory := dict "environments" $values.inventory.environments -}}
{{- if ne $service "gateway" -}}
{{- $_ := set $inventory "targets" $values.inventory.targets -}}
{{- end -}}
{{- $_ := set $sentinel "inventory" $inventory -}}
{{- end -}}

{{- if has $service (list "analyzer" "executor") -}}
{{- $_ := set $sentinel "playbooks" (include "sentinel.playbooksConfig" $root | fromYaml) -}}
{{- end -}}

{{- if eq $service "collector" -}}
{{- if $own.prometheusUrl -}}
{{- $_ := set $sentinel "collector" (dict "prometheus" (dict "url" $own.prometheusUrl)) -}}
{{- end -}}
{{- else if eq $service "detector" -}}
{{- if $own.thresholds -}}
{{- $_ := set $sentinel "detector" (dict "threshold" (dict "rules" $own.thresholds)) -}}
{{- end -}}
{{- else if eq $service "analyzer" -}}
{{- $_ := set $sentinel "analyzer" (dict "heuristic" (dict
      "elevate-risk-in" $own.heuristic.elevateRiskIn
      "rules" $own.heuristic.rules)) -}}
{{- else if eq $service "policy" -}}
{{- $policy := dict -}}
{{- if $own.approvalTtl -}}
{{- $_ := set $policy "approval" (dict "ttl" $own.approvalTtl) -}}
{{- end -}}
{{- if $own.rules -}}
{{- $_ := set $policy "rules" $own.rules -}}
{{- end -}}
{{- if $policy -}}
{{- $_ := set $sentinel "policy" $policy -}}
{{- end -}}
{{- else if eq $service "executor" -}}
{{- $executor := dict "http" (dict "allowed-hosts" $own.http.allowedHosts "allowed-networks" $own.http.allowedNetworks) -}}
{{- /* The namespaces its Role is in are the namespaces it may act in: one list for both. */ -}}
{{- $_ := set $executor "kubernetes" (dict "allowed-namespaces" $own.kubernetes.namespaces "nodes-allowed" $own.kubernetes.nodes) -}}
{{- if $own.playbookSecrets.existingSecret -}}
{{- $_ := set $executor "secrets" (dict "directory" "/etc/sentinel/playbook-secrets") -}}
{{- end -}}
{{- $_ := set $sentinel "executor" $executor -}}
{{- else if eq $service "notifier" -}}
{{- $webhooks := list -}}
{{- range $own.webhooks -}}
{{- $hook := dict "name" .name "url" .url "secret" (printf "${SENTINEL_WEBHOOK_SECRET_%s}" (include "sentinel.envName" .name)) -}}
{{- if .events -}}
{{- $_ := set $hook "events" .events -}}
{{- end -}}
{{- $webhooks = append $webhooks $hook -}}
{{- end -}}
{{- if $webhooks -}}
{{- $_ := set $sentinel "notifier" (dict "webhooks" $webhooks) -}}
{{- end -}}
{{- else if eq $service "gateway" -}}
{{- $oidc := dict -}}
{{- range $property, $value := dict "audience" $values.oidc.audience "client-id" $values.oidc.clientId "jwk-set-uri" $values.oidc.jwkSetUri -}}
{{- if $value -}}
{{- $_ := set $oidc $property $value -}}
{{- end -}}
{{- end -}}
{{- if $oidc -}}
{{- $_ := set $sentinel "gateway" (dict "oidc" $oidc) -}}
{{- end -}}
{{- end -}}

{{- $config := dict "sentinel" $sentinel -}}
{{- $config = mustMergeOverwrite $config (deepCopy ($own.config | default dict)) -}}
{{- include "sentinel.noSecrets" (list (printf "%s.config" $service) $config) -}}
{{- toYaml $config -}}
{{- end -}}
