from _common import U, A, T, G, D, write
import random

random.seed(5)
AKID = "AKIA4XQ7ZB2N5TRW9KEM"
SAK = "pV3u9sK1/zQe7Lr2Xw0bN8tYc5Hf4Jd6Ma1Gi+oE"

def ctrl_line(ts, msg, name, ns="default", extra=""):
    rid = "%08x-%04x-%04x-%04x-%012x" % (random.getrandbits(32), random.getrandbits(16), random.getrandbits(16),
                                          random.getrandbits(16), random.getrandbits(48))
    return (f'{ts}\tINFO\t{msg}\t{{"controller": "databasebackup", "controllerGroup": "dbops.example.io", '
            f'"controllerKind": "DatabaseBackup", "DatabaseBackup": {{"name":"{name}","namespace":"{ns}"}}, '
            f'"namespace": "{ns}", "name": "{name}", "reconcileID": "{rid}"{extra}}}')

hot = ["/home/kofi/src/backup-operator/bin/controller-gen rbac:roleName=manager-role crd webhook paths=\"./...\" output:crd:artifacts:config=config/crd/bases",
       "/home/kofi/src/backup-operator/bin/controller-gen object:headerFile=\"hack/boilerplate.go.txt\" paths=\"./...\"",
       "go fmt ./...",
       "go vet ./...",
       "go run ./cmd/main.go",
       '2024-11-25T09:41:07Z\tINFO\tsetup\tstarting manager',
       '2024-11-25T09:41:07Z\tINFO\tstarting server\t{"name": "health probe", "addr": "[::]:8081"}',
       '2024-11-25T09:41:07Z\tINFO\tcontroller-runtime.metrics\tStarting metrics server',
       '2024-11-25T09:41:07Z\tINFO\tStarting EventSource\t{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup", "source": "kind source: *v1alpha1.DatabaseBackup"}',
       '2024-11-25T09:41:07Z\tINFO\tStarting Controller\t{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup"}',
       '2024-11-25T09:41:07Z\tINFO\tStarting workers\t{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup", "worker count": 1}']
ms = 112
for i in range(70):
    name = ("orders-db", "billing-db")[i % 2]
    ts = f"2024-11-25T09:41:{8 + ms // 1000:02d}.{ms % 1000:03d}Z"
    hot.append(ctrl_line(ts, "reconciling", name))
    hot.append(ctrl_line(ts, "cronjob up to date", name, extra=f', "cronjob": "{name}-backup"'))
    hot.append(ctrl_line(ts, "status updated", name, extra=', "phase": "Scheduled"'))
    ms += random.randint(9, 21)
hot.append("^Csignal: interrupt")
HOT_LOG = "\n".join(hot)

CONTROLLER = '''package controller

import (
	"context"
	"fmt"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/log"

	dbopsv1alpha1 "github.com/kofi-asante/backup-operator/api/v1alpha1"
)

// DatabaseBackupReconciler reconciles a DatabaseBackup object
type DatabaseBackupReconciler struct {
	client.Client
	Scheme *runtime.Scheme
}

//+kubebuilder:rbac:groups=dbops.example.io,resources=databasebackups,verbs=get;list;watch;create;update;patch;delete
//+kubebuilder:rbac:groups=dbops.example.io,resources=databasebackups/status,verbs=get;update;patch
//+kubebuilder:rbac:groups=batch,resources=cronjobs,verbs=get;create;update

func (r *DatabaseBackupReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	logger := log.FromContext(ctx)
	logger.Info("reconciling")

	var backup dbopsv1alpha1.DatabaseBackup
	if err := r.Get(ctx, req.NamespacedName, &backup); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}

	cj := &batchv1.CronJob{ObjectMeta: metav1.ObjectMeta{Name: backup.Name + "-backup", Namespace: backup.Namespace}}
	op, err := controllerutil.CreateOrUpdate(ctx, r.Client, cj, func() error {
		cj.Spec.Schedule = backup.Spec.Schedule
		cj.Spec.ConcurrencyPolicy = batchv1.ForbidConcurrent
		cj.Spec.JobTemplate.Spec.Template.Spec = podSpecFor(&backup)
		return controllerutil.SetControllerReference(&backup, cj, r.Scheme)
	})
	if err != nil {
		return ctrl.Result{}, fmt.Errorf("cronjob: %w", err)
	}
	if op == controllerutil.OperationResultNone {
		logger.Info("cronjob up to date", "cronjob", cj.Name)
	}

	backup.Status.Phase = dbopsv1alpha1.PhaseScheduled
	backup.Status.CronJobName = cj.Name
	backup.Status.LastReconcileTime = metav1.Now()
	if err := r.Status().Update(ctx, &backup); err != nil {
		if apierrors.IsConflict(err) {
			return ctrl.Result{Requeue: true}, nil
		}
		return ctrl.Result{}, err
	}
	logger.Info("status updated", "phase", backup.Status.Phase)
	return ctrl.Result{}, nil
}

func podSpecFor(b *dbopsv1alpha1.DatabaseBackup) corev1.PodSpec { /* ... */ }

// SetupWithManager sets up the controller with the Manager.
func (r *DatabaseBackupReconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		For(&dbopsv1alpha1.DatabaseBackup{}).
		Complete(r)
}
'''

PRED_EDIT = '''--- a/internal/controller/databasebackup_controller.go
+++ b/internal/controller/databasebackup_controller.go
@@ -12,7 +12,9 @@ import (
 	ctrl "sigs.k8s.io/controller-runtime"
+	"sigs.k8s.io/controller-runtime/pkg/builder"
 	"sigs.k8s.io/controller-runtime/pkg/client"
 	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
 	"sigs.k8s.io/controller-runtime/pkg/log"
+	"sigs.k8s.io/controller-runtime/pkg/predicate"
@@ -55,7 +57,6 @@ func (r *DatabaseBackupReconciler) Reconcile(ctx context.Context, req ctrl.Reque
 	backup.Status.Phase = dbopsv1alpha1.PhaseScheduled
 	backup.Status.CronJobName = cj.Name
-	backup.Status.LastReconcileTime = metav1.Now()
 	if err := r.Status().Update(ctx, &backup); err != nil {
@@ -72,6 +73,10 @@ func podSpecFor(b *dbopsv1alpha1.DatabaseBackup) corev1.PodSpec { /* ... */ }
 func (r *DatabaseBackupReconciler) SetupWithManager(mgr ctrl.Manager) error {
 	return ctrl.NewControllerManagedBy(mgr).
-		For(&dbopsv1alpha1.DatabaseBackup{}).
+		// Status writes do not bump metadata.generation: ignore them, or every
+		// status update triggers the next reconcile (hot loop).
+		For(&dbopsv1alpha1.DatabaseBackup{}, builder.WithPredicates(predicate.GenerationChangedPredicate{})).
+		Owns(&batchv1.CronJob{}).
 		Complete(r)
 }
--- a/api/v1alpha1/databasebackup_types.go
+++ b/api/v1alpha1/databasebackup_types.go
@@ -48,8 +48,6 @@ type DatabaseBackupStatus struct {
 	CronJobName string `json:"cronJobName,omitempty"`
 	// +optional
 	LastSuccessfulBackup *metav1.Time `json:"lastSuccessfulBackup,omitempty"`
-	// +optional
-	LastReconcileTime metav1.Time `json:"lastReconcileTime,omitempty"`
 	// +optional
 	Conditions []metav1.Condition `json:"conditions,omitempty"`'''

DEPLOY_LOGS = '''$ make docker-build docker-push deploy IMG=registry.kind.local:5001/backup-operator:dev
docker build -t registry.kind.local:5001/backup-operator:dev .
[+] Building 41.8s (17/17) FINISHED
 => [builder 6/7] COPY internal/ internal/                                                   0.0s
 => [builder 7/7] RUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -a -o manager cmd/main.go  36.9s
 => exporting to image                                                                       0.6s
docker push registry.kind.local:5001/backup-operator:dev
dev: digest: sha256:0d4c2e8f17b3a9c6e5d2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0 size: 739
cd config/manager && /home/kofi/src/backup-operator/bin/kustomize edit set image controller=registry.kind.local:5001/backup-operator:dev
/home/kofi/src/backup-operator/bin/kustomize build config/default | kubectl apply -f -
namespace/backup-operator-system unchanged
customresourcedefinition.apiextensions.k8s.io/databasebackups.dbops.example.io configured
serviceaccount/backup-operator-controller-manager unchanged
role.rbac.authorization.k8s.io/backup-operator-leader-election-role unchanged
clusterrole.rbac.authorization.k8s.io/backup-operator-manager-role unchanged
clusterrolebinding.rbac.authorization.k8s.io/backup-operator-manager-rolebinding unchanged
deployment.apps/backup-operator-controller-manager configured
$ kubectl -n backup-operator-system logs deploy/backup-operator-controller-manager --tail=12
2024-11-25T09:58:31Z	INFO	Starting EventSource	{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup", "source": "kind source: *v1.CronJob"}
2024-11-25T09:58:31Z	INFO	Starting Controller	{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup"}
W1125 09:58:31.904211       1 reflector.go:539] pkg/mod/k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: failed to list *v1.CronJob: cronjobs.batch is forbidden: User "system:serviceaccount:backup-operator-system:backup-operator-controller-manager" cannot list resource "cronjobs" in API group "batch" at the cluster scope
E1125 09:58:31.904302       1 reflector.go:147] pkg/mod/k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: Failed to watch *v1.CronJob: failed to list *v1.CronJob: cronjobs.batch is forbidden: User "system:serviceaccount:backup-operator-system:backup-operator-controller-manager" cannot list resource "cronjobs" in API group "batch" at the cluster scope
W1125 09:58:33.177810       1 reflector.go:539] pkg/mod/k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: failed to list *v1.CronJob: cronjobs.batch is forbidden: User "system:serviceaccount:backup-operator-system:backup-operator-controller-manager" cannot list resource "cronjobs" in API group "batch" at the cluster scope
E1125 09:58:33.177901       1 reflector.go:147] pkg/mod/k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: Failed to watch *v1.CronJob: failed to list *v1.CronJob: cronjobs.batch is forbidden: User "system:serviceaccount:backup-operator-system:backup-operator-controller-manager" cannot list resource "cronjobs" in API group "batch" at the cluster scope
2024-11-25T09:59:31Z	ERROR	Could not wait for Cache to sync	{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup", "error": "failed to wait for databasebackup caches to sync: timed out waiting for cache to be synced for Kind *v1.CronJob"}
2024-11-25T09:59:31Z	ERROR	setup	problem running manager	{"error": "failed to wait for databasebackup caches to sync: timed out waiting for cache to be synced for Kind *v1.CronJob"}'''

RBAC_EDIT = '''--- a/internal/controller/databasebackup_controller.go
+++ b/internal/controller/databasebackup_controller.go
@@ -28,7 +28,7 @@ type DatabaseBackupReconciler struct {
 //+kubebuilder:rbac:groups=dbops.example.io,resources=databasebackups,verbs=get;list;watch;create;update;patch;delete
 //+kubebuilder:rbac:groups=dbops.example.io,resources=databasebackups/status,verbs=get;update;patch
-//+kubebuilder:rbac:groups=batch,resources=cronjobs,verbs=get;create;update
+//+kubebuilder:rbac:groups=batch,resources=cronjobs,verbs=get;list;watch;create;update;patch;delete'''

MANIFESTS = '''$ make manifests && git diff --stat config/ && make deploy IMG=registry.kind.local:5001/backup-operator:dev >/dev/null && sleep 20 && kubectl -n backup-operator-system logs deploy/backup-operator-controller-manager --tail=6
/home/kofi/src/backup-operator/bin/controller-gen rbac:roleName=manager-role crd webhook paths="./..." output:crd:artifacts:config=config/crd/bases
 config/crd/bases/dbops.example.io_databasebackups.yaml | 4 ----
 config/rbac/role.yaml                                  | 4 ++++
 2 files changed, 4 insertions(+), 4 deletions(-)
2024-11-25T10:03:12Z	INFO	Starting workers	{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup", "worker count": 1}
2024-11-25T10:03:12Z	INFO	reconciling	{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup", "DatabaseBackup": {"name":"billing-db","namespace":"default"}, "namespace": "default", "name": "billing-db", "reconcileID": "5e1f0a2b-77c1-4a0e-9d3b-1f2e3d4c5b6a"}
2024-11-25T10:03:12Z	INFO	cronjob up to date	{"controller": "databasebackup", "DatabaseBackup": {"name":"billing-db","namespace":"default"}, "cronjob": "billing-db-backup"}
2024-11-25T10:03:12Z	INFO	reconciling	{"controller": "databasebackup", "controllerGroup": "dbops.example.io", "controllerKind": "DatabaseBackup", "DatabaseBackup": {"name":"orders-db","namespace":"default"}, "namespace": "default", "name": "orders-db", "reconcileID": "c0ffee12-3a4b-4c5d-8e9f-0a1b2c3d4e5f"}
2024-11-25T10:03:12Z	INFO	cronjob up to date	{"controller": "databasebackup", "DatabaseBackup": {"name":"orders-db","namespace":"default"}, "cronjob": "orders-db-backup"}
2024-11-25T10:03:12Z	INFO	status updated	{"controller": "databasebackup", "DatabaseBackup": {"name":"orders-db","namespace":"default"}, "phase": "Scheduled"}'''

SECRET_OUT = f'''{{
  "AWS_ACCESS_KEY_ID": "{AKID}",
  "AWS_SECRET_ACCESS_KEY": "{SAK}",
  "S3_BUCKET": "acme-db-backups-prod",
  "S3_ENDPOINT": "https://s3.eu-central-1.amazonaws.com",
  "S3_REGION": "eu-central-1"
}}'''

FIN_EDIT = '''--- a/internal/controller/databasebackup_controller.go
+++ b/internal/controller/databasebackup_controller.go
@@ -6,6 +6,8 @@ import (
+	"github.com/aws/aws-sdk-go-v2/aws"
+	"github.com/aws/aws-sdk-go-v2/service/s3"
@@ -24,6 +26,9 @@ import (
+const backupFinalizer = "dbops.example.io/s3-cleanup"
+
 // DatabaseBackupReconciler reconciles a DatabaseBackup object
 type DatabaseBackupReconciler struct {
 	client.Client
 	Scheme *runtime.Scheme
+	S3     S3API
 }
@@ -40,6 +45,28 @@ func (r *DatabaseBackupReconciler) Reconcile(ctx context.Context, req ctrl.Reque
 		return ctrl.Result{}, client.IgnoreNotFound(err)
 	}

+	if !backup.DeletionTimestamp.IsZero() {
+		if controllerutil.ContainsFinalizer(&backup, backupFinalizer) {
+			prefix := fmt.Sprintf("%s/%s/", backup.Namespace, backup.Name)
+			n, err := r.deletePrefix(ctx, backup.Spec.Storage.Bucket, prefix)
+			if err != nil {
+				return ctrl.Result{}, fmt.Errorf("s3 cleanup: %w", err)
+			}
+			logger.Info("deleted backup objects", "count", n, "prefix", prefix)
+			controllerutil.RemoveFinalizer(&backup, backupFinalizer)
+			if err := r.Update(ctx, &backup); err != nil {
+				return ctrl.Result{}, err
+			}
+		}
+		return ctrl.Result{}, nil
+	}
+	if controllerutil.AddFinalizer(&backup, backupFinalizer) {
+		if err := r.Update(ctx, &backup); err != nil {
+			return ctrl.Result{}, err
+		}
+	}
+
 	cj := &batchv1.CronJob{ObjectMeta: metav1.ObjectMeta{Name: backup.Name + "-backup", Namespace: backup.Namespace}}
@@ -80,3 +107,28 @@ func (r *DatabaseBackupReconciler) SetupWithManager(mgr ctrl.Manager) error {
+
+func (r *DatabaseBackupReconciler) deletePrefix(ctx context.Context, bucket, prefix string) (int, error) {
+	p := s3.NewListObjectsV2Paginator(r.S3, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
+	n := 0
+	for p.HasMorePages() {
+		page, err := p.NextPage(ctx)
+		if err != nil {
+			return n, err
+		}
+		for _, obj := range page.Contents {
+			if _, err := r.S3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: obj.Key}); err != nil {
+				return n, err
+			}
+			n++
+		}
+	}
+	return n, nil
+}'''

def envtest(specs, extra_specs=()):
    out = ["/home/kofi/src/backup-operator/bin/controller-gen rbac:roleName=manager-role crd webhook paths=\"./...\" output:crd:artifacts:config=config/crd/bases",
           "/home/kofi/src/backup-operator/bin/controller-gen object:headerFile=\"hack/boilerplate.go.txt\" paths=\"./...\"",
           "go fmt ./...", "go vet ./...",
           'KUBEBUILDER_ASSETS="/home/kofi/src/backup-operator/bin/k8s/1.29.0-linux-amd64" go test $(go list ./... | grep -v /e2e) -coverprofile cover.out',
           "?   \tgithub.com/kofi-asante/backup-operator/cmd\t[no test files]",
           "ok  \tgithub.com/kofi-asante/backup-operator/api/v1alpha1\t0.041s\tcoverage: 12.5% of statements",
           "=== RUN   TestControllers", "Running Suite: Controller Suite - /home/kofi/src/backup-operator/internal/controller",
           "===================================================================================================",
           "Random Seed: 1732528934", "", f"Will run {len(specs) + len(extra_specs)} of {len(specs) + len(extra_specs)} specs"]
    t = 3.1
    for spec in list(specs) + list(extra_specs):
        out.append("------------------------------")
        out.append(f"DatabaseBackup Controller {spec}")
        out.append("/home/kofi/src/backup-operator/internal/controller/databasebackup_controller_test.go:%d" % random.randint(40, 240))
        for _ in range(random.randint(5, 9)):
            name = random.choice(["test-backup", "orders-db", "billing-db", "to-delete"])
            ts = f"2024-11-25T10:{random.randint(10, 40):02d}:{random.randint(0, 59):02d}Z"
            out.append(ctrl_line(ts, random.choice(["reconciling", "cronjob up to date", "status updated", "cronjob created"]), name))
        out.append(f"• [{random.uniform(0.05, 2.2):.3f} seconds]")
        t += random.uniform(0.3, 2)
    out += ["------------------------------", "",
            f"Ran {len(specs) + len(extra_specs)} of {len(specs) + len(extra_specs)} Specs in {t:.3f} seconds",
            f"SUCCESS! -- {len(specs) + len(extra_specs)} Passed | 0 Failed | 0 Pending | 0 Skipped",
            "--- PASS: TestControllers (%.2fs)" % (t + 0.4), "PASS",
            "coverage: %.1f%% of statements" % random.uniform(61, 74),
            "ok  \tgithub.com/kofi-asante/backup-operator/internal/controller\t%.3fs\tcoverage: %.1f%% of statements" % (t + 1.2, random.uniform(61, 74))]
    return "\n".join(out)

BASE_SPECS = ["When reconciling a resource should create a CronJob with the spec schedule",
              "When reconciling a resource should set the controller reference on the CronJob",
              "When reconciling a resource should update the CronJob when the schedule changes",
              "When reconciling a resource should set status.phase to Scheduled",
              "When reconciling a resource should not requeue on a status-only update",
              "When the CronJob is deleted should recreate it",
              "When the spec references a missing credentials secret should set the Degraded condition"]
FIN_SPECS = ["When the DatabaseBackup is created should add the s3-cleanup finalizer",
             "When the DatabaseBackup is deleted should delete all objects under namespace/name/ and remove the finalizer",
             "When the S3 delete fails should keep the finalizer and return an error"]

REFACTOR = '''--- a/internal/controller/databasebackup_controller.go
+++ b/internal/controller/databasebackup_controller.go
@@ -31,45 +31,22 @@ type DatabaseBackupReconciler struct {
 func (r *DatabaseBackupReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
 	logger := log.FromContext(ctx)
 	logger.Info("reconciling")

 	var backup dbopsv1alpha1.DatabaseBackup
 	if err := r.Get(ctx, req.NamespacedName, &backup); err != nil {
 		return ctrl.Result{}, client.IgnoreNotFound(err)
 	}
-
-	cj := &batchv1.CronJob{ObjectMeta: metav1.ObjectMeta{Name: backup.Name + "-backup", Namespace: backup.Namespace}}
-	op, err := controllerutil.CreateOrUpdate(ctx, r.Client, cj, func() error {
-	...
-	}
-	backup.Status.Phase = dbopsv1alpha1.PhaseScheduled
-	backup.Status.CronJobName = cj.Name
-	if err := r.Status().Update(ctx, &backup); err != nil {
-	...
-	}
-	return ctrl.Result{}, nil
+	if err := r.reconcileCredentials(ctx, &backup); err != nil {
+		return r.reconcileStatus(ctx, &backup, nil, err)
+	}
+	cj, err := r.reconcileCronJob(ctx, &backup)
+	return r.reconcileStatus(ctx, &backup, cj, err)
 }
+
+// reconcileCredentials checks that spec.storage.credentialsSecret exists.
+func (r *DatabaseBackupReconciler) reconcileCredentials(ctx context.Context, b *dbopsv1alpha1.DatabaseBackup) error { ... }
+
+// reconcileCronJob creates or updates the owned CronJob.
+func (r *DatabaseBackupReconciler) reconcileCronJob(ctx context.Context, b *dbopsv1alpha1.DatabaseBackup) (*batchv1.CronJob, error) { ... }
+
+// reconcileStatus writes phase, cronJobName and the Ready/Degraded conditions.
+func (r *DatabaseBackupReconciler) reconcileStatus(ctx context.Context, b *dbopsv1alpha1.DatabaseBackup, cj *batchv1.CronJob, cause error) (ctrl.Result, error) { ... }'''

turns = [
    U("hey. the DatabaseBackup controller is eating a full core in kind, logs scroll like crazy even though nothing changes. "
      "can you look. make run output:"),
    T("Bash", "make run 2>&1 | head -n 230", HOT_LOG),
    T("Read", "internal/controller/databasebackup_controller.go", CONTROLLER),
    A("It's a self-triggered hot loop. Every reconcile ends with `r.Status().Update()` and sets "
      "`Status.LastReconcileTime = metav1.Now()`, so the status is *always* different. That update is a watch event on the "
      "DatabaseBackup the controller is watching with `For(...)`, which enqueues it again → reconcile → new timestamp → "
      "update → … about every 15 ms per object, as in the log.\n\nFix:\n1. Filter events with "
      "`predicate.GenerationChangedPredicate{}` on the `For()`: status writes don't bump `metadata.generation`, only "
      "spec changes do.\n2. Drop `LastReconcileTime` from the status — a field that changes on every reconcile is noise anyway.\n"
      "3. While there: add `Owns(&batchv1.CronJob{})`, so if someone edits or deletes the CronJob we reconcile it back."),
    U("ok do it"),
    T("Edit", "internal/controller/databasebackup_controller.go", PRED_EDIT),
    T("Bash", "make manifests generate && make run 2>&1 | tail -n 8",
      "2024-11-25T09:52:40Z\tINFO\tStarting workers\t{\"controller\": \"databasebackup\", \"worker count\": 1}\n"
      + ctrl_line("2024-11-25T09:52:40Z", "reconciling", "orders-db") + "\n"
      + ctrl_line("2024-11-25T09:52:40Z", "cronjob up to date", "orders-db", extra=', "cronjob": "orders-db-backup"') + "\n"
      + ctrl_line("2024-11-25T09:52:40Z", "status updated", "orders-db", extra=', "phase": "Scheduled"') + "\n"
      + ctrl_line("2024-11-25T09:52:40Z", "reconciling", "billing-db") + "\n"
      + ctrl_line("2024-11-25T09:52:40Z", "cronjob up to date", "billing-db", extra=', "cronjob": "billing-db-backup"') + "\n"
      + ctrl_line("2024-11-25T09:52:40Z", "status updated", "billing-db", extra=', "phase": "Scheduled"') + "\n^Csignal: interrupt"),
    A("Quiet now: one reconcile per object at startup, then nothing until something changes."),
    U("good. deploy it to the kind cluster and check the pod logs"),
    T("Bash", "make docker-build docker-push deploy IMG=registry.kind.local:5001/backup-operator:dev && sleep 60 && kubectl -n backup-operator-system logs deploy/backup-operator-controller-manager --tail=12", DEPLOY_LOGS),
    A("In the cluster the manager runs as its ServiceAccount (locally `make run` used your admin kubeconfig, which is why "
      "it worked). The new `Owns(&batchv1.CronJob{})` makes the manager list/watch CronJobs, but the RBAC marker only "
      "grants `get;create;update` on `cronjobs`, so the informer can't sync and the manager exits. I'll extend the "
      "`//+kubebuilder:rbac` marker and regenerate `config/rbac/role.yaml` with `make manifests`."),
    T("Edit", "internal/controller/databasebackup_controller.go", RBAC_EDIT),
    T("Bash", "make manifests && git diff --stat config/ && make deploy IMG=registry.kind.local:5001/backup-operator:dev >/dev/null && sleep 20 && kubectl -n backup-operator-system logs deploy/backup-operator-controller-manager --tail=6", MANIFESTS),
    U("nice. next thing: when someone deletes a DatabaseBackup, its backups in S3 should be deleted too. add a finalizer. "
      "creds are in the backup-s3 secret"),
    T("Bash", "kubectl -n backup-operator-system get secret backup-s3 -o json | jq '.data | map_values(@base64d)'", SECRET_OUT),
    A("OK. Plan: finalizer `dbops.example.io/s3-cleanup` added on first reconcile; when the object has a "
      "`deletionTimestamp`, list everything under `<namespace>/<name>/` in the bucket, delete it, then remove the "
      "finalizer. The S3 client gets its credentials from that secret (I'll read it via env in the manager Deployment, "
      "not log it)."),
    T("Edit", "internal/controller/databasebackup_controller.go", FIN_EDIT),
    T("Bash", "go get github.com/aws/aws-sdk-go-v2/service/s3@latest && make test", envtest(BASE_SPECS, FIN_SPECS)),
    A("Finalizer in place, 10 specs pass (envtest with a fake S3 client for the three new ones)."),
    U("hmm wait. actually no. thinking about it more — if someone deletes the CR by mistake, or argo prunes it during a "
      "bad sync, we'd lose ALL the backups of that database in one go. that's the opposite of what backups are for. "
      "remove the finalizer, keep the objects in the bucket. the bucket has lifecycle rules for retention, that's where "
      "retention belongs, not in the operator."),
    A("Agreed, that's a much safer default — deleting the CR will only garbage-collect the CronJob (via the owner "
      "reference), and the dumps stay in S3 until the bucket's lifecycle rules expire them. Reverting the finalizer and "
      "the aws-sdk dependency."),
    T("Bash", "git checkout -- internal/controller/databasebackup_controller.go internal/controller/databasebackup_controller_test.go go.mod go.sum && git status --short",
      " M api/v1alpha1/databasebackup_types.go\n M config/crd/bases/dbops.example.io_databasebackups.yaml\n M config/rbac/role.yaml"),
    A("That also reverted the predicate and RBAC marker edits in the controller file (they weren't committed yet). Re-applying those two."),
    T("Edit", "internal/controller/databasebackup_controller.go", PRED_EDIT.split("--- a/api/")[0]),
    T("Edit", "internal/controller/databasebackup_controller.go", RBAC_EDIT),
    T("Bash", "make test", envtest(BASE_SPECS)),
    U("ok. also, Reconcile is getting long and I hate long reconcile functions. keep Reconcile thin, one helper per "
      "child resource — reconcileCronJob, reconcileStatus and so on. and then commit"),
    T("Edit", "internal/controller/databasebackup_controller.go", REFACTOR),
    T("Bash", "make test 2>&1 | tail -n 6 && git add -A && git commit -qm 'controller: generation predicate, own CronJobs, rbac, split reconcile' && git log --oneline -1",
      "Ran 7 of 7 Specs in 9.812 seconds\nSUCCESS! -- 7 Passed | 0 Failed | 0 Pending | 0 Skipped\n--- PASS: TestControllers (10.21s)\nPASS\n"
      "ok  \tgithub.com/kofi-asante/backup-operator/internal/controller\t11.402s\tcoverage: 71.3% of statements\n"
      "4be91d2 controller: generation predicate, own CronJobs, rbac, split reconcile"),
    A("Committed as 4be91d2. Reconcile is now ~10 lines calling `reconcileCredentials`, `reconcileCronJob` and "
      "`reconcileStatus`. Do you want a Prometheus metric for the time of the last successful backup per DatabaseBackup?"),
    U("later we need a validating webhook for spec.schedule, people put garbage cron strings in and then the CronJob "
      "creation just fails with an ugly error. not today. thx"),
    A("Noted for later: validating webhook that rejects invalid `spec.schedule` cron expressions "
      "(`kubebuilder create webhook --programmatic-validation`)."),
]

s = {
    "id": "k8s_backup_operator",
    "project": "backup-operator",
    "cwd_files": ["go.mod", "Makefile", "PROJECT", "cmd/main.go", "api/v1alpha1/databasebackup_types.go",
                  "internal/controller/databasebackup_controller.go", "internal/controller/databasebackup_controller_test.go",
                  "internal/controller/suite_test.go", "config/rbac/role.yaml", "config/crd/bases/dbops.example.io_databasebackups.yaml"],
    "turns": turns,
    "gold": [
        G("PROJECT", "backup-operator: kubebuilder Go operator; DatabaseBackup CRD (dbops.example.io/v1alpha1) managing CronJobs that dump databases to S3",
          ["databasebackup"], ["kubebuilder", "operator", "cronjob", "crd"]),
        G("BUG_FIX", "reconcile hot loop: status update with LastReconcileTime retriggered reconcile; fixed with GenerationChangedPredicate and dropped the field",
          ["generation"], ["predicate", "status", "loop", "lastreconciletime"], ["internal/controller/databasebackup_controller.go"]),
        G("BUG_FIX", "in-cluster manager failed: cronjobs forbidden after Owns(CronJob); kubebuilder rbac marker needs list/watch, then make manifests",
          ["rbac"], ["cronjob", "forbidden", "marker", "list", "watch", "make manifests"], ["internal/controller/databasebackup_controller.go", "config/rbac/role.yaml"]),
        G("FAILED", "finalizer deleting S3 backups on CR deletion: dropped, accidental delete / Argo prune would wipe all backups",
          ["finalizer"], ["mistake", "accident", "prune", "wipe", "lose", "dropped", "removed"], failure=True),
        G("DECISION", "backups stay in S3 when the CR is deleted; retention is handled by the bucket's lifecycle rules",
          ["lifecycle"], ["retention", "bucket", "s3", "stay", "kept"]),
        G("PREFERENCE", "keep Reconcile thin: one helper per child resource (reconcileCronJob, reconcileStatus)",
          ["reconcile"], ["thin", "helper", "per child", "reconcilecronjob", "split"]),
        G("TODO", "validating webhook for spec.schedule (invalid cron strings)",
          ["webhook"], ["schedule", "cron", "validat"]),
    ],
    "dead_ends": [
        D("s3-cleanup finalizer deleting backups on CR deletion", ["finalizer"]),
    ],
    "secrets": [AKID, SAK],
}
write(s)
