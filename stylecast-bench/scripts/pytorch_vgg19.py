#!/usr/bin/env python3
"""The VGG19 path's iteration in PyTorch, for docs/PERFORMANCE.md: the comparison users make.

The same network and loss as `bin/bench engine` (the default `--model random-vgg19`, or `vgg19`): torchvision's
VGG19 convolutions up to conv5_1 with average pooling (stylecast's default, the paper's choice), content loss on
conv4_2, style Gram matrices on conv1_1, conv2_1, conv3_1, conv4_1 and conv5_1, equally weighted, Adam on the image.
Weights are random: speed does not depend on them, and no download is needed.

Run with Debian's python3-torch and the pthread OpenBLAS (Debian's default BLAS is about 4x slower):
  apt-get install -y python3-torch python3-torchvision libopenblas0-pthread
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread /usr/bin/python3 stylecast-bench/scripts/pytorch_vgg19.py 256 256 30
Prints one JSON line: seconds per iteration (median and mean, the first 5 iterations excluded) and peak RSS.
"""
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

import pytorch_common as common

STYLE = {"conv1_1": 0, "conv2_1": 5, "conv3_1": 10, "conv4_1": 19, "conv5_1": 28}
CONTENT = 21  # conv4_2 (its ReLU output, as stylecast's features are)


class Features(nn.Module):
    def __init__(self):
        super().__init__()
        layers = torchvision.models.vgg19(weights=None).features[:30]
        self.layers = nn.ModuleList(nn.AvgPool2d(2, 2) if isinstance(m, nn.MaxPool2d) else m for m in layers)
        for m in self.layers:
            if isinstance(m, nn.ReLU):
                m.inplace = False

    def forward(self, x):
        out = {}
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if isinstance(layer, nn.ReLU):
                out[i - 1] = x  # keyed by the convolution's index
        return out


def gram(f):
    c = f.shape[1]
    m = f.reshape(c, -1)
    return m @ m.t()


def main():
    width, height, iterations = common.arguments()
    net = common.frozen(Features())
    content, style = common.pictures(width, height)
    with torch.no_grad():
        style_targets = {i: gram(f) for i, f in net(style).items() if i in STYLE.values()}
        content_target = net(content)[CONTENT]
    image, adam = common.optimised(content, width, height)
    times = []
    for it in range(iterations):
        start = time.perf_counter()
        adam.zero_grad()
        features = net(image)
        loss = 5.0 * F.mse_loss(features[CONTENT], content_target, reduction='sum') / 2
        for i, g in style_targets.items():
            n, m = features[i].shape[1], features[i].shape[2] * features[i].shape[3]
            loss = loss + 100 * 0.2 * F.mse_loss(gram(features[i]), g, reduction='sum') / (4 * n * n * m * m)
        loss.backward()
        adam.step()
        times.append(time.perf_counter() - start)
    warm = times[5:]
    common.report(width, height, iterations, statistics.median(warm), warm, network="vgg19 to conv5_1, avg pool")


if __name__ == "__main__":
    main()
