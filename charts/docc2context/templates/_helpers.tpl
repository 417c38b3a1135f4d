{{/* Chart name, at most 63 characters (a DNS label). */}}
{{- define "docc2context.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the release name, followed by the chart name unless the release name contains it.
Truncated to 63 characters (DNS labels); names derived from it add a suffix, so they cut it shorter.
*/}}
{{- define "docc2context.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* A name derived from the full name: <fullname>-<suffix>, at most 63 characters. */}}
{{- define "docc2context.suffixed" -}}
{{- $suffix := index . 1 }}
{{- printf "%s-%s" (include "docc2context.fullname" (index . 0) | trunc (int (sub 62 (len $suffix))) | trimSuffix "-") $suffix }}
{{- end }}

{{- define "docc2context.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "docc2context.labels" -}}
helm.sh/chart: {{ include "docc2context.chart" . }}
app.kubernetes.io/name: {{ include "docc2context.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: docc2context
{{- end }}

{{/* Selector labels of one component: include with (list $ "operator"). */}}
{{- define "docc2context.selectorLabels" -}}
app.kubernetes.io/name: {{ include "docc2context.name" (index . 0) }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* Labels of one component's objects: include with (list $ "operator"). */}}
{{- define "docc2context.componentLabels" -}}
{{ include "docc2context.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "docc2context.operatorName" -}}
{{- include "docc2context.suffixed" (list . "operator") }}
{{- end }}

{{- define "docc2context.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "docc2context.operatorName" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The converter pool's name: its Deployment, Service, HPA, PDB, NetworkPolicy, ServiceMonitor. */}}
{{- define "docc2context.poolName" -}}
{{- default (include "docc2context.suffixed" (list . "converter")) .Values.pool.name }}
{{- end }}

{{/* The pool's selector labels, as the operator sets them (contract: app.kubernetes.io/instance = pool name). */}}
{{- define "docc2context.poolSelectorLabels" -}}
app.kubernetes.io/name: docc2context
app.kubernetes.io/component: converter
app.kubernetes.io/instance: {{ include "docc2context.poolName" . }}
{{- end }}

{{/* The image reference: repository[:tag][@digest]; the tag defaults to appVersion. */}}
{{- define "docc2context.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.image.digest }}
{{- printf "%s:%s@%s" .Values.image.repository $tag .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{- define "docc2context.redisImage" -}}
{{- printf "%s:%s@%s" .Values.redis.image.repository .Values.redis.image.tag .Values.redis.image.digest }}
{{- end }}

{{/* "true" when the chart runs its own Redis. */}}
{{- define "docc2context.redisInRelease" -}}
{{- if and .Values.redis.enabled (not .Values.redis.url) (not .Values.redis.existingSecret) }}true{{ end }}
{{- end }}

{{/* Secret holding the Redis URL, "" when the pool has no Redis. */}}
{{- define "docc2context.redisSecretName" -}}
{{- if .Values.redis.existingSecret }}
{{- .Values.redis.existingSecret }}
{{- else if or .Values.redis.url (include "docc2context.redisInRelease" .) }}
{{- include "docc2context.suffixed" (list . "redis") }}
{{- end }}
{{- end }}

{{- define "docc2context.redisSecretKey" -}}
{{- if .Values.redis.existingSecret }}{{ .Values.redis.existingSecretKey }}{{ else }}redis-url{{ end }}
{{- end }}

{{/* The restricted Pod Security Standard, for every pod of the chart. */}}
{{- define "docc2context.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "docc2context.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/* Checks across values that values.schema.json cannot express; each failure names the values. */}}
{{- define "docc2context.validate" -}}
{{- if lt (int .Values.pool.replicas.max) (int .Values.pool.replicas.min) }}
{{- fail (printf "pool.replicas.max (%v) must be at least pool.replicas.min (%v)" .Values.pool.replicas.max .Values.pool.replicas.min) }}
{{- end }}
{{- if and .Values.pool.enabled .Values.pool.converterUrl }}
{{- fail "pool.converterUrl is for an existing converter: set pool.enabled=false with it (the operator manages no pool then)" }}
{{- end }}
{{- if and .Values.redis.url .Values.redis.existingSecret }}
{{- fail "redis.url and redis.existingSecret are exclusive: give the URL directly or in a Secret, not both" }}
{{- end }}
{{- end }}
