#!/usr/bin/env python3
"""The default network's iteration in PyTorch, for docs/PERFORMANCE.md: the comparison users make.

The same architecture as stylecast's default network (torchvision's InceptionV3 stem and Mixed_5b..5d, which
stylecast loads from Keras as activation_1..5 and mixed0..2; batch-norm folded away, so each convolution has a
bias; average pooling in the stem, as stylecast replaces max pooling), the same Gatys loss (content on mixed2;
style Gram matrices on activation_1..5 and mixed0..2, equally weighted), a roll of the image by a random 0..7 px
at every step with the content target of each new shift computed on first use (as stylecast does), and Adam on
the image. Weights are random: speed does not depend on them, and no download is needed.

Run with Debian's python3-torch and the pthread OpenBLAS (Debian's default BLAS is about 4x slower):
  apt-get install -y python3-torch python3-torchvision libopenblas0-pthread
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread /usr/bin/python3 stylecast-bench/scripts/pytorch_default.py 256 256 80
Prints one JSON line: seconds per iteration (median of 10-iteration blocks, and the mean, the first 5 iterations
excluded) and peak RSS. Use a few hundred iterations to weigh the new jitter shifts as a real run does.
"""
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

import pytorch_common as common


def folded(block):
    """A torchvision BasicConv2d (conv without bias, batch-norm, ReLU) as a conv with bias and a ReLU."""
    conv = nn.Conv2d(block.conv.in_channels, block.conv.out_channels, block.conv.kernel_size, block.conv.stride,
                     block.conv.padding, bias=True)
    return nn.Sequential(conv, nn.ReLU(inplace=False))


def fold_all(module):
    for name, child in module.named_children():
        if isinstance(child, torchvision.models.inception.BasicConv2d):
            setattr(module, name, folded(child))
        else:
            fold_all(child)
    return module


class Features(nn.Module):
    def __init__(self):
        super().__init__()
        net = fold_all(torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=False))
        self.stem = [net.Conv2d_1a_3x3, net.Conv2d_2a_3x3, net.Conv2d_2b_3x3, net.Conv2d_3b_1x1, net.Conv2d_4a_3x3]
        self.mixed = [net.Mixed_5b, net.Mixed_5c, net.Mixed_5d]
        self.modules_ = nn.ModuleList(self.stem + self.mixed)

    def forward(self, x):
        out = []
        for i, conv in enumerate(self.stem):
            x = conv(x)
            out.append(x)  # activation_1..5
            if i in (2, 4):
                x = F.avg_pool2d(x, 3, 2)
        for block in self.mixed:
            x = block(x)
            out.append(x)  # mixed0..2
        return out


def gram(f):
    c = f.shape[1]
    m = f.reshape(c, -1)
    return m @ m.t() / m.shape[1]


def main():
    width, height, iterations = common.arguments()
    net = common.frozen(Features())
    content, style = common.pictures(width, height)
    with torch.no_grad():
        style_targets = [gram(f) for f in net(style)]
    content_targets = {}
    image, adam = common.optimised(content, width, height)
    rng = torch.Generator().manual_seed(1)
    times = []
    for it in range(iterations):
        start = time.perf_counter()
        dy, dx = (int(v) for v in torch.randint(0, 8, (2,), generator=rng))
        if (dy, dx) not in content_targets:
            with torch.no_grad():
                content_targets[(dy, dx)] = net(torch.roll(content, (dy, dx), (2, 3)))[-1]
        adam.zero_grad()
        features = net(torch.roll(image, (dy, dx), (2, 3)))
        loss = 1.0 * F.mse_loss(features[-1], content_targets[(dy, dx)], reduction='sum') / 2
        loss = loss + 1e4 * sum(F.mse_loss(gram(f), g, reduction='sum') / 8 for f, g in zip(features, style_targets))
        loss.backward()
        adam.step()
        times.append(time.perf_counter() - start)
    warm = times[5:]
    blocks = [sum(warm[i:i + 10]) / len(warm[i:i + 10]) for i in range(0, len(warm), 10)]
    common.report(width, height, iterations, statistics.median(blocks), warm)


if __name__ == "__main__":
    main()
