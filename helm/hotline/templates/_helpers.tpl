{{/*
Object names are fixed, not derived from the release name: the failover controllers of both sites
patch objects by name (hotline-active, hotline-voice-routing, hotline-app, the Lease), so both releases
must render the same names. One release per namespace.
*/}}

{{- define "hotline.labels" -}}
app.kubernetes.io/name: hotline
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | quote }}
hotline-ha.example/site: {{ .Values.site.id | quote }}
{{- end -}}

{{/* Pod labels and selectors of one component (app | failover-controller | drill). */}}
{{- define "hotline.selectorLabels" -}}
app.kubernetes.io/name: hotline
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
hotline-ha.example/site: {{ .root.Values.site.id | quote }}
{{- end -}}

{{- define "hotline.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag must name a release, not 'latest': both sites must run the same, known build" -}}
{{- end -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}

{{/* The site the routing objects point at: on an upgrade the live value (the controller may have
     switched it since install), else routing.initialActiveSite. So helm upgrade never flips routing.
     lookup runs on upgrades only: an install has nothing to keep, and rendering stays offline. */}}
{{- define "hotline.routedSite" -}}
{{- $live := "" -}}
{{- if .Release.IsUpgrade -}}
{{- $svc := lookup "v1" "Service" .Release.Namespace "hotline-active" -}}
{{- if $svc -}}{{- $live = (index ($svc.spec.selector | default dict) "hotline-ha.example/site") | default "" -}}{{- end -}}
{{- end -}}
{{- $live | default .Values.routing.initialActiveSite -}}
{{- end -}}

{{- define "hotline.sipTargets" -}}
{{- join "\n" (index .Values.routing.sipTargets (include "hotline.routedSite" .)) -}}
{{- end -}}

{{/* The failover controller's settings as environment: the site and the passwords its failover.yaml leaves out.
     The drill job uses the same, so that ctl and drill see the sites exactly as the controller does. */}}
{{- define "hotline.controllerEnv" -}}
- {name: HOTLINE_SITE_ID, value: {{ .Values.site.id | quote }}}
- name: HOTLINE_FAILOVER_OPSPASSWORD
  valueFrom:
    secretKeyRef: {name: {{ .Values.failoverController.opsSecret.name | quote }}, key: {{ .Values.failoverController.opsSecret.key | default "password" | quote }}}
- name: HOTLINE_FAILOVER_DATABASE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ .Values.database.existingSecret | quote }}, key: {{ .Values.database.passwordKey | quote }}}
- name: HOTLINE_FAILOVER_PEERDATABASE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ .Values.peer.database.existingSecret | quote }}, key: {{ .Values.peer.database.passwordKey | default "password" | quote }}}
- name: HOTLINE_FAILOVER_LEASE_WITNESSPASSWORD
  valueFrom:
    secretKeyRef: {name: {{ .Values.failoverController.witness.existingSecret | quote }}, key: {{ .Values.failoverController.witness.passwordKey | default "password" | quote }}}
{{- end -}}

{{/* The controller's configuration file and kubeconfigs, mounted where its failover.yaml points. */}}
{{- define "hotline.controllerVolumeMounts" -}}
- {name: config, mountPath: /etc/hotline/failover.yaml, subPath: failover.yaml, readOnly: true}
- {name: tmp, mountPath: /tmp}
{{- if .Values.lease.kubeconfigSecret }}
- {name: lease-kubeconfig, mountPath: /etc/hotline/lease, readOnly: true}
{{- end }}
{{- if .Values.failoverController.peerKubeconfigSecret }}
- {name: peer-kubeconfig, mountPath: /etc/hotline/peer, readOnly: true}
{{- end }}
{{- end -}}

{{- define "hotline.controllerVolumes" -}}
- name: config
  configMap: {name: hotline-failover-config}
- {name: tmp, emptyDir: {}}
{{- if .Values.lease.kubeconfigSecret }}
- name: lease-kubeconfig
  secret: {secretName: {{ .Values.lease.kubeconfigSecret | quote }}, items: [{key: kubeconfig, path: kubeconfig}]}
{{- end }}
{{- if .Values.failoverController.peerKubeconfigSecret }}
- name: peer-kubeconfig
  secret: {secretName: {{ .Values.failoverController.peerKubeconfigSecret | quote }}, items: [{key: kubeconfig, path: kubeconfig}]}
{{- end }}
{{- end -}}
