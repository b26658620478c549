{{/* The seven services, in pipeline order, with the ports their <service>.yaml gives them. */}}
{{- define "sentinel.services" -}}
collector: 8081
detector: 8082
analyzer: 8083
policy: 8084
executor: 8085
notifier: 8086
gateway: 8080
{{- end -}}

{{/* Services whose instances share work through their consumer group, and so may scale out. */}}
{{- define "sentinel.scalable" -}}
[analyzer, policy, notifier, gateway]
{{- end -}}

{{- define "sentinel.serviceNames" -}}
[collector, detector, analyzer, policy, executor, notifier, gateway]
{{- end -}}

{{- define "sentinel.port" -}}
{{- index (include "sentinel.services" . | fromYaml) . -}}
{{- end -}}

{{/* The management (actuator) port: the service's port + 1000, as every <service>.yaml sets it. */}}
{{- define "sentinel.managementPort" -}}
{{- add (include "sentinel.port" .) 1000 -}}
{{- end -}}

{{- define "sentinel.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sentinel.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: sentinel
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sentinel
{{- end -}}

{{/* Selector labels of one service's pods; call with (dict "root" $ "service" "detector"). */}}
{{- define "sentinel.selectorLabels" -}}
app.kubernetes.io/name: sentinel
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{- define "sentinel.serviceLabels" -}}
{{ include "sentinel.labels" .root }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{- define "sentinel.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/sentinel-%s:%s" (trimSuffix "/" .root.Values.image.registry) .service $tag -}}
{{- end -}}

{{/* A name template such as "sentinel-db-{service}" for one service. */}}
{{- define "sentinel.forService" -}}
{{- .template | replace "{service}" .service -}}
{{- end -}}

{{/* One service's values merged over the shared defaults (resources, scheduling, probes, ...). */}}
{{- define "sentinel.serviceValues" -}}
{{- $own := index .root.Values .service | default dict -}}
{{- toYaml (mustMergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $own)) -}}
{{- end -}}

{{- define "sentinel.monitoringEnabled" -}}
{{- $mode := .Values.monitoring.prometheusOperator -}}
{{- if or (eq $mode "enabled") (and (eq $mode "auto") (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1")) -}}
true
{{- end -}}
{{- end -}}

{{/*
Refuses a secret written into configuration that would land in a ConfigMap: a key named like a
password, secret, token or key whose value is not a ${VARIABLE} placeholder, or a private-key block
anywhere. Call with (list "path" value).
*/}}
{{- define "sentinel.noSecrets" -}}
{{- $path := index . 0 -}}
{{- $value := index . 1 -}}
{{- if kindIs "map" $value -}}
{{- range $key, $child := $value -}}
{{- $childPath := printf "%s.%s" $path $key -}}
{{- if and (kindIs "string" $child) (regexMatch "(?i)(password|secret|token|api-?key|private-?key|admin-?key|credential)" $key) (not (regexMatch "(?i)-?sha256$" $key)) (ne $child "") (not (regexMatch "^\\$\\{[A-Z0-9_]+:?\\}$" $child)) -}}
{{- fail (printf "%s holds a secret value, which would be rendered into a ConfigMap: put it in a Secret, pass it with secretEnv and write ${THE_VARIABLE} here instead" $childPath) -}}
{{- end -}}
{{- include "sentinel.noSecrets" (list $childPath $child) -}}
{{- end -}}
{{- else if kindIs "slice" $value -}}
{{- range $index, $child := $value -}}
{{- include "sentinel.noSecrets" (list (printf "%s[%d]" $path $index) $child) -}}
{{- end -}}
{{- else if and (kindIs "string" $value) (contains "PRIVATE KEY" $value) -}}
{{- fail (printf "%s holds a private key, which would be rendered into a ConfigMap: keep it in a Secret" $path) -}}
{{- end -}}
{{- end -}}

{{/* An environment variable name for a channel or service name: ops-channel -> OPS_CHANNEL. */}}
{{- define "sentinel.envName" -}}
{{- . | upper | replace "-" "_" | replace "." "_" -}}
{{- end -}}
