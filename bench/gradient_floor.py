"""The Python side of GradientFloorBenchmark (imacs-djl tests): input gradients of a TorchScript classifier
with plain torch, the work IMACS's gradient path does, for a side-by-side timing.

Each pass: one batch of images (pixels in [0, 1]) -> the sidecar's normalisation -> model -> softmax ->
each image's own class -> torch.autograd.grad with respect to the pixels. Parameters are frozen and the model
is in eval mode, so backward computes the input's gradient only: the best a plain script does.

The images are a fixed pattern that GradientFloorBenchmark builds identically, so the two sides differentiate
the same function at the same points; the sum of |gradient| of a warm-up pass is printed to check that.

    /usr/bin/python3 bench/gradient_floor.py MODEL.pt --batch 32 --passes 32 --threads 2 [--warmup 3]

Prints one JSON line: per-pass seconds, torch version and threads, the oneDNN cap it ran under.
"""
import argparse, json, os, time
import torch


def pattern(n, h, w):
    """Image i, channel c, row y, column x: ((37 i + 101 c + 13 y + 7 x) mod 251) / 250, as float32."""
    i = torch.arange(n).view(n, 1, 1, 1)
    c = torch.arange(3).view(1, 3, 1, 1)
    y = torch.arange(h).view(1, 1, h, 1)
    x = torch.arange(w).view(1, 1, 1, w)
    return ((37 * i + 101 * c + 13 * y + 7 * x) % 251).float() / 250.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--passes", type=int, required=True)
    ap.add_argument("--threads", type=int, required=True, help="intra-op threads, as DJL's libtorch uses")
    ap.add_argument("--interop-threads", type=int, default=None)
    ap.add_argument("--warmup", type=int, default=3)
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    if a.interop_threads:
        torch.set_num_interop_threads(a.interop_threads)
    spec = json.load(open(os.path.splitext(a.model)[0] + ".json"))
    h, w = spec["inputSize"]
    k = len(spec["classes"])
    mean = torch.tensor(spec["mean"]).view(1, 3, 1, 1) / spec.get("pixelScale", 1.0)
    std = torch.tensor(spec["std"]).view(1, 3, 1, 1) / spec.get("pixelScale", 1.0)
    model = torch.jit.load(a.model).eval()
    for p in model.parameters():
        p.requires_grad_(False)

    pixels = pattern(a.batch, h, w)
    classes = torch.arange(a.batch) % k
    rows = torch.arange(a.batch)

    def gradient_pass():
        x = pixels.clone().requires_grad_(True)
        out = model((x - mean) / std)
        if spec["outputKind"] == "logits":
            out = torch.softmax(out, 1)
        value = out[rows, classes].sum()   # images do not interact: d(sum)/dx_i = d(value_i)/dx_i
        (g,) = torch.autograd.grad(value, x)
        return g

    for _ in range(a.warmup):
        checksum = float(gradient_pass().double().abs().sum())
    times = []
    for _ in range(a.passes):
        t0 = time.perf_counter()
        gradient_pass()
        times.append(time.perf_counter() - t0)
    print(json.dumps({"seconds": times, "checksum": checksum, "torch": torch.__version__,
                      "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
                      "onednn_max_cpu_isa": os.environ.get("ONEDNN_MAX_CPU_ISA")}))


if __name__ == "__main__":
    main()
