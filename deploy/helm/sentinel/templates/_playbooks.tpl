{{/* The deployment's own playbook files (playbooks.files), as ConfigMap data. */}}
{{- define "sentinel.playbookFiles" -}}
{{- range $name := keys .Values.playbooks.files | sortAlpha }}
{{ $name }}: |
  {{- index $.Values.playbooks.files $name | trim | nindent 2 }}
{{- end -}}
{{- end -}}

{{/*
sentinel.playbooks for the analyzer and the executor, which must agree: the mounted files when there
are any, plus the sets Sentinel ships. Every location must hold a playbook, so without files of its
own the catalog is read from the first shipped set's location and the others are added to it.
*/}}
{{- define "sentinel.playbooksConfig" -}}
{{- $shipped := .Values.playbooks.shipped -}}
{{- if .Values.playbooks.files -}}
{{- toYaml (dict "location" "file:/etc/sentinel/playbooks/" "shipped" $shipped) -}}
{{- else if $shipped -}}
{{- toYaml (dict "location" (printf "classpath:io/sentinel/playbooks/shipped/%s/" (first $shipped)) "shipped" (rest $shipped)) -}}
{{- else -}}
{{- fail "playbooks: the catalog would be empty, and the analyzer and the executor refuse to start without one: keep playbooks.shipped (e.g. [kubernetes]) or add playbooks.files" -}}
{{- end -}}
{{- end -}}
