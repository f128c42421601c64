"""A ResNet-18-shaped classifier (random weights, eval mode) for `imacs bench` at a realistic model cost.

The committed fixtures are tiny CNNs on 32x32 images, where a forward pass costs 0.05 ms and IMACS's own
Java work dominates. This makes the model the paper's users bring: ResNet-18 layout (11M parameters),
BatchNorm, global average pooling, at 112x112 (224 is 4x slower again). Weights are random: the benchmark
measures cost, not findings. Nothing is committed: the files are ~45 MB each.

    /usr/bin/python3 bench/make_resnet.py /tmp/imacs-bench        # resnet18_a and resnet18_b: .pt, .onnx, .json
    /usr/bin/python3 bench/make_resnet.py /tmp/imacs-bench 224    # resnet18_a_224, resnet18_b_224 at 224x224

Other sizes get their size in the name; the weights are the same at every size (same seeds).
"""
import json, os, sys
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False); self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False); self.b2 = nn.BatchNorm2d(cout)
        self.skip = nn.Sequential() if stride == 1 and cin == cout else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.b1(self.c1(x)))
        return torch.relu(self.b2(self.c2(y)) + self.skip(x))


class ResNet18(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1))
        layers, cin = [], 64
        for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            layers += [Block(cin, cout, stride), Block(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(self.layers(self.stem(x)), 1), 1))


def write(out, name, seed, classes, size):
    torch.manual_seed(seed)
    m = ResNet18(len(classes)).eval()
    x = torch.rand(1, 3, size, size)
    torch.jit.trace(m, x).save(os.path.join(out, name + ".pt"))
    torch.onnx.export(m, x, os.path.join(out, name + ".onnx"), input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "n"}, "logits": {0: "n"}}, opset_version=13)
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump({"inputSize": [size, size], "layout": "NCHW", "channelOrder": "RGB", "pixelScale": 1.0,
                   "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "classes": classes,
                   "outputKind": "logits", "inputName": "input", "outputName": "logits"}, f, indent=2)


def main(out, size):
    os.makedirs(out, exist_ok=True)
    classes = ["circle", "square", "stripes"]   # the fixtures' classes, so it runs on fixtures/data
    suffix = "" if size == 112 else "_%d" % size
    write(out, "resnet18_a" + suffix, 0, classes, size)
    write(out, "resnet18_b" + suffix, 1, classes, size)   # another model, so B shares no cached work with A
    print("wrote", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/imacs-bench", int(sys.argv[2]) if len(sys.argv) > 2 else 112)
