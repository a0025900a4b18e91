"""Second held-out set (recordings/labelled/heldout2). Written before any rule change of the
second tuning round and never tuned on: score it only to report.

laravel_queue_b reverses a decision of laravel_queue_a (in the tuning set, one level up)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _gen import A, T, U, code_file, go_test_log, write  # noqa: E402

SUB = "heldout2"


def hey_report(seed: int, ok: int, limited: int) -> str:
    rng = random.Random(seed)
    lat = sorted(rng.uniform(0.0005, 0.04) for _ in range(200))
    lines = ["", "Summary:", f"  Total:\t{rng.uniform(1.5, 3):.4f} secs", f"  Slowest:\t{lat[-1]:.4f} secs",
             f"  Fastest:\t{lat[0]:.4f} secs", f"  Average:\t{sum(lat) / len(lat):.4f} secs",
             f"  Requests/sec:\t{rng.uniform(700, 1300):.4f}", "", "Response time histogram:"]
    for i in range(11):
        lines.append(f"  {lat[i * 19]:.3f} [{rng.randint(1, 900)}]\t|" + "■" * rng.randint(0, 40))
    lines += ["", "Latency distribution:"] + [f"  {p}% in {lat[min(199, p * 2)]:.4f} secs" for p in (10, 25, 50, 75, 90, 95, 99)]
    lines += ["", "Details (average, fastest, slowest):", "  DNS+dialup:\t0.0001 secs, 0.0000 secs, 0.0031 secs",
              "  req write:\t0.0000 secs, 0.0000 secs, 0.0012 secs", "", "Status code distribution:",
              f"  [200]\t{ok} responses", f"  [429]\t{limited} responses"]
    return "\n".join(lines)


gw_pkgs = ["github.com/edge/gateway/middleware", "github.com/edge/gateway/proxy", "github.com/edge/gateway/auth",
           "github.com/edge/gateway/config"]
remaining_fail = """--- FAIL: TestRemainingNeverNegative (0.01s)
    ratelimit_test.go:61: X-RateLimit-Remaining = "-1", want "0"
FAIL
FAIL\tgithub.com/edge/gateway/middleware\t0.094s"""
refused_fail = """--- FAIL: TestLimitPerKey (0.00s)
    ratelimit_test.go:22: allow: dial tcp 127.0.0.1:6379: connect: connection refused
--- FAIL: TestLimitResetsAfterWindow (0.00s)
    ratelimit_test.go:40: allow: dial tcp 127.0.0.1:6379: connect: connection refused
FAIL
FAIL\tgithub.com/edge/gateway/middleware\t0.031s"""

gateway = {
    "id": "gateway_ratelimit", "project": "edge-gateway",
    "cwd_files": ["middleware/ratelimit.go", "middleware/ratelimit_test.go"],
    "turns": [
        U("edge-gateway. go 1.21, gin framework. need rate limiting per API key. 6 replicas behind nginx."),
        A("The simplest option is an in-process token bucket with golang.org/x/time/rate: one limiter per API key, kept in a sync.Map. Let me add that as gin middleware."),
        T("Bash", "go get golang.org/x/time/rate", "go: downloading golang.org/x/time v0.5.0\ngo: added golang.org/x/time v0.5.0"),
        T("Write", "middleware/ratelimit.go", code_file(71, "go", 9)),
        T("Bash", "go test ./...", go_test_log(72, gw_pkgs, 45)),
        T("Bash", "hey -n 2000 -c 50 -H 'X-Api-Key: k_test_01' http://localhost:8080/v1/ping", hey_report(73, 1200, 800)),
        A("Locally the limiter lets the burst through and answers 429 after it, as expected."),
        U("per pod though. 6 pods = 6x the limit. useless for us. scrap x/time/rate."),
        A("Right: each replica keeps its own buckets, so a client spread over the pods gets six times the limit. The counter has to be shared. With Redis there is go-redis/redis_rate (GCRA), or a fixed window with INCR + EXPIRE."),
        U("redis_rate. we have redis already (elasticache)."),
        T("Bash", "go get github.com/go-redis/redis_rate/v10 && go mod tidy", "go: added github.com/go-redis/redis_rate/v10 v10.0.1\ngo: added github.com/redis/go-redis/v9 v9.0.2"),
        T("Write", "middleware/ratelimit.go", code_file(74, "go", 7)),
        T("Bash", "go test ./middleware/...", refused_fail, exit_code=1),
        A("The tests now dial a real Redis at 127.0.0.1:6379, which doesn't exist here or in CI. Root cause is the test setup, not the limiter: I'll start an in-memory server with miniredis (miniredis.RunT) in the tests instead."),
        T("Edit", "middleware/ratelimit_test.go", "Applied edit: newTestLimiter(t) starts miniredis.RunT(t) and points the client at mr.Addr()"),
        T("Bash", "go test ./middleware/...", "ok  \tgithub.com/edge/gateway/middleware\t0.142s"),
        U("ok. redis_rate it is, 100 req/min per key."),
        T("Bash", "kubectl -n edge get secret gateway-env -o jsonpath='{.data.REDIS_URL}' | base64 -d", "rediss://default:Zq8vN3kP0wLs7XyT2@edge-cache.x1f3ab.ng.0001.euw1.cache.amazonaws.com:6379"),
        T("Edit", "middleware/ratelimit_test.go", "Applied edit: TestRemainingNeverNegative sends 105 requests and checks the headers of the last one"),
        T("Bash", "go test ./middleware/... -run Remaining -v", "=== RUN   TestRemainingNeverNegative\n" + remaining_fail, exit_code=1),
        A("The problem was that we write X-RateLimit-Remaining straight from res.Remaining, and redis_rate returns -1 once the key is over its limit. I'll clamp it to 0 in middleware/ratelimit.go."),
        T("Edit", "middleware/ratelimit.go", "Applied edit: remaining := max(res.Remaining, 0) before setting X-RateLimit-Remaining"),
        T("Bash", "go test ./...", go_test_log(75, gw_pkgs, 46)),
        U("fine. never log the full api key in this service, first 6 chars max."),
        A("Understood. The middleware logs only key[:6] now."),
        T("Edit", "middleware/ratelimit.go", "Applied edit: log field api_key_prefix = key[:6]"),
        U("follow-up, not now: Retry-After header on the 429s."),
        A("Noted."),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "Go 1.21, gin", "all_of": [], "any_of": ["go 1.21", "gin"]},
        {"kind": "FAILED", "summary": "x/time/rate in-process limiter: per pod, 6 replicas = 6x limit", "all_of": ["rate"], "any_of": ["pod", "replica", "6x"], "failure": True},
        {"kind": "DECISION", "summary": "redis_rate, 100 req/min per key", "all_of": ["redis_rate"], "any_of": ["100", "per key", "redis"]},
        {"kind": "BUG_FIX", "summary": "tests dialled a real Redis -> miniredis", "all_of": ["miniredis"], "any_of": ["redis", "refused", "test"]},
        {"kind": "BUG_FIX", "summary": "X-RateLimit-Remaining -1 over the limit -> clamp to 0", "all_of": ["remaining"], "any_of": ["clamp", "-1", "negative", "max("]},
        {"kind": "PATTERN", "summary": "never log the full API key, first 6 chars", "all_of": ["log", "key"], "any_of": ["never", "6"]},
        {"kind": "TODO", "summary": "Retry-After header on 429s", "all_of": ["retry-after"], "any_of": ["429", "header"]},
    ],
    "dead_ends": [{"summary": "x/time/rate", "all_of": ["x/time/rate"]}],
    "secrets": ["Zq8vN3kP0wLs7XyT2"],
}


def train_log(seed: int, steps: int, per_step: float, nan_at: int | None = None) -> str:
    rng = random.Random(seed)
    out, loss = [], 2.9
    for s in range(0, steps, 10):
        loss = max(0.4, loss - rng.uniform(0.0, 0.02))
        shown = "nan" if nan_at is not None and s >= nan_at else f"{loss:.4f}"
        out.append(f"[train] epoch 0 step {s:5d}/{steps} loss {shown} lr 3.0e-04 {per_step:.2f}s/it")
        if nan_at is not None and s >= nan_at + 20:
            break
    return "\n".join(out)


bf16_fail = train_log(81, 400, 0.31, None).splitlines()[:3] + [
    "Traceback (most recent call last):",
    '  File "/work/cls/train.py", line 212, in <module>',
    "    main()",
    '  File "/work/cls/train.py", line 171, in train_one_epoch',
    "    loss = focal_loss(logits, target)",
    '  File "/work/cls/losses.py", line 19, in focal_loss',
    "    ce = F.binary_cross_entropy_with_logits(logits, one_hot, reduction=\"none\")",
    "RuntimeError: expected scalar type Float but found BFloat16"]

torch_train = {
    "id": "torch_train", "project": "leaf-classifier",
    "cwd_files": ["train.py", "losses.py", "data.py"],
    "turns": [
        U("hello. we have training script for image classifier, PyTorch 2.2, python 3.10, one A100 GPU. the training is too slow, 1 epoch take 50 minutes. can you help to make it more fast?"),
        A("Let me profile one short run first to see where the time goes."),
        T("Bash", "py-spy record -o profile.txt --format raw -d 60 -- python train.py --epochs 1 --limit 500 && sort -t' ' -k2 -nr profile.txt | head -12",
          "PIL/JpegImagePlugin.py:load_read (data.py:41) 38.2%\nPIL/Image.py:resize (data.py:44) 17.9%\ntorchvision/transforms/functional.py:to_tensor (data.py:47) 9.4%\ntorch/utils/data/dataloader.py:_next_data 6.1%\ntorch/nn/modules/conv.py:_conv_forward 5.2%\ntorch/autograd/__init__.py:backward 4.8%\ntorch/optim/adamw.py:_single_tensor_adamw 2.2%\ntrain.py:train_one_epoch 1.1%"),
        A("About 70% of the time is JPEG decoding and resizing in the main process: the DataLoader has num_workers=0, so the GPU waits for data. Two ways out: more DataLoader worker processes, or Ray Data to distribute the preprocessing."),
        U("ray i think is not good for us, our cluster team don't support it and we have no time to maintain it. we stay with the normal DataLoader."),
        A("OK. I'll set num_workers=8, pin_memory=True and persistent_workers=True in data.py."),
        T("Edit", "data.py", "Applied edit: DataLoader(..., num_workers=8, pin_memory=True, persistent_workers=True, prefetch_factor=4)"),
        T("Bash", "python train.py --epochs 1 --limit 4000", train_log(82, 4000, 0.19) + "\n[train] epoch 0 done in 13m02s"),
        A("Data loading is no longer the bottleneck: 13 minutes instead of 50 for the same number of images. Next, let me try automatic mixed precision with bfloat16 (torch.autocast) for the forward and backward pass; the A100 supports bf16."),
        T("Edit", "train.py", "Applied edit: forward and loss inside torch.autocast(device_type='cuda', dtype=torch.bfloat16)"),
        T("Bash", "python train.py --epochs 1 --limit 4000", "\n".join(bf16_fail), exit_code=1),
        U("is not working. please go back to fp32 for now, I need to start the run tonight."),
        T("Edit", "train.py", "Applied edit: removed the torch.autocast block"),
        T("Bash", "python train.py --epochs 30 --run-name nightly-0611 --detach", "[launcher] run nightly-0611 started, pid 48213, logs in runs/nightly-0611/train.log"),
        A("The nightly run is started in fp32."),
        U("thanks. tomorrow: we try again the autocast bf16? I think the error is only from our loss."),
        A("Yes, that's likely. The problem was the custom focal_loss in losses.py: it builds the one-hot target in float32 and passes bf16 logits to binary_cross_entropy_with_logits, which needs both in the same dtype. I'll cast the logits to float32 inside the loss."),
        T("Edit", "losses.py", "Applied edit: focal_loss computes on logits.float(); one_hot stays float32"),
        T("Edit", "train.py", "Applied edit: forward and loss inside torch.autocast(device_type='cuda', dtype=torch.bfloat16)"),
        T("Bash", "python train.py --epochs 1 --limit 4000", train_log(83, 4000, 0.12) + "\n[train] epoch 0 done in 8m41s\n[eval] top1 0.874 (fp32 baseline 0.871)"),
        U("very good, 8 minute and the accuracy is same. we keep the bf16 autocast, it is the default from now."),
        A("Great. I made bf16 autocast the default and added a --fp32 flag to turn it off."),
        U("one more: next week we must add resume from checkpoint, now if the job die we lose everything."),
        A("Noted: resume from the last checkpoint."),
        U("ok bye"),
    ],
    "gold": [
        {"kind": "PROJECT", "summary": "PyTorch 2.2, Python 3.10, A100", "all_of": [], "any_of": ["pytorch", "python 3.10"]},
        {"kind": "FAILED", "summary": "Ray Data rejected: cluster team does not support it", "all_of": ["ray"], "any_of": ["cluster", "support", "maintain"], "failure": True},
        {"kind": "DECISION", "summary": "plain DataLoader, num_workers=8, pinned memory", "all_of": ["dataloader"], "any_of": ["stay", "normal", "num_workers", "workers"]},
        {"kind": "DECISION", "summary": "bf16 autocast is the default", "all_of": ["bf16"], "any_of": ["autocast", "keep", "default"]},
        {"kind": "BUG_FIX", "summary": "focal_loss dtype mismatch under bf16 -> cast logits to float32", "all_of": [], "any_of": ["bfloat16", "focal_loss", "scalar type"]},
        {"kind": "TODO", "summary": "resume from checkpoint", "all_of": ["checkpoint"], "any_of": ["resume", "next week"]},
    ],
    "dead_ends": [{"summary": "Ray Data", "all_of": ["ray data"]}],
    "stale_failed": [{"summary": "bf16 autocast finally works", "all_of": ["autocast"]}, {"summary": "bf16", "all_of": ["bf16"]}],
    "secrets": [],
}

laravel_b = {
    "id": "laravel_queue_b", "project": "shop-laravel",
    "cwd_files": ["config/queue.php", ".env.example", "app/Providers/HorizonServiceProvider.php"],
    "turns": [
        U("hi again. good news, the shop is moved to a VPS and now we have redis. we switch the queue from the database driver to redis, the database queue is too slow with 40k jobs per day."),
        A("Good. I'll install predis, set QUEUE_CONNECTION=redis and configure the redis connection."),
        T("Bash", "composer require predis/predis", "./composer.json has been updated\nRunning composer update predis/predis\nLoading composer repositories with package information\nUpdating dependencies\nLock file operations: 1 install, 0 updates, 0 removals\n  - Locking predis/predis (v2.2.2)\nWriting lock file\nGenerating optimized autoload files\n> Illuminate\\Foundation\\ComposerScripts::postAutoloadDump\n> @php artisan package:discover --ansi\n   INFO  Discovering packages."),
        T("Edit", ".env.example", "Applied edit: QUEUE_CONNECTION=redis, REDIS_CLIENT=predis"),
        T("Bash", "php artisan queue:work redis --once", "\n   Predis\\Connection\\ConnectionException \n\n  Connection refused [tcp://127.0.0.1:6379]\n\n  at vendor/predis/predis/src/Connection/AbstractConnection.php:144\n    140▕      * @throws CommunicationException\n", exit_code=1),
        T("Bash", "cat .env | grep -i redis; ss -ltn | grep 6379", "REDIS_HOST=127.0.0.1\nREDIS_PASSWORD=hT4m9QwZx2LpV8s\nREDIS_PORT=6379\nLISTEN 0      511       10.0.3.7:6379      0.0.0.0:*"),
        A("The root cause: Redis on the VPS listens only on the private address 10.0.3.7, but REDIS_HOST still says 127.0.0.1. I'll set REDIS_HOST=10.0.3.7 in .env."),
        T("Edit", ".env", "Applied edit: REDIS_HOST=10.0.3.7"),
        T("Bash", "php artisan queue:work redis --once", "   INFO  Processing jobs from the [default] queue.\n\n  2024-06-14 09:12:03 App\\Mail\\OrderConfirmation ........ 212.41ms DONE"),
        U("and now Horizon is possible, yes? install it please, I want the dashboard."),
        T("Bash", "composer require laravel/horizon && php artisan horizon:install", "  - Locking laravel/horizon (v5.24.5)\n  - Installing laravel/horizon (v5.24.5): Extracting archive\n   INFO  Horizon scaffolding installed successfully."),
        T("Bash", "php artisan horizon", "   INFO  Horizon started successfully."),
        U("perfect. the horizon dashboard only for admin users, put the gate in HorizonServiceProvider."),
        T("Edit", "app/Providers/HorizonServiceProvider.php", "Applied edit: viewHorizon gate allows $user->is_admin"),
        U("thank you! next session we must move the old failed jobs from the jobs table of the database queue."),
        A("Noted for next session."),
    ],
    "gold": [
        {"kind": "DECISION", "summary": "queue on Redis instead of the database driver", "all_of": ["redis"], "any_of": ["queue", "switch"]},
        {"kind": "BUG_FIX", "summary": "Redis connection refused: REDIS_HOST 127.0.0.1 -> 10.0.3.7", "all_of": [], "any_of": ["redis_host", "10.0.3.7"]},
        {"kind": "PATTERN", "summary": "Horizon dashboard only for admins (gate)", "all_of": ["horizon"], "any_of": ["admin", "gate"]},
        {"kind": "TODO", "summary": "move old failed jobs from the database jobs table", "all_of": ["jobs"], "any_of": ["move", "old", "next session"]},
    ],
    "dead_ends": [],
    "secrets": ["hT4m9QwZx2LpV8s"],
    "supersedes": [{"old_session": "laravel_queue_a", "old_all_of": ["database", "driver"], "new_all_of": ["redis"]}],
}

if __name__ == "__main__":
    for s in (gateway, torch_train, laravel_b):
        print(write(s, SUB))
