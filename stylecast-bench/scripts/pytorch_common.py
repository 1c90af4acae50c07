"""What pytorch_default.py and pytorch_vgg19.py share: the command line, the random pictures, the image Adam
optimises, and the JSON line they print. Imported by them (the script's folder is on Python's path)."""
import json
import resource
import statistics
import sys

import torch


def arguments():
    """WIDTH HEIGHT ITERATIONS [THREADS] from the command line; sets the threads (2 by default) and the seed."""
    width, height, iterations = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
    torch.manual_seed(0)
    return width, height, iterations


def frozen(net):
    """The network in eval mode with no gradient for its weights: only the image is optimised."""
    net = net.eval()
    for p in net.parameters():
        p.requires_grad_(False)
    return net


def pictures(width, height):
    """A random content and style picture, in the range of ImageNet-mean-subtracted pixels."""
    content = torch.rand(1, 3, height, width) * 255 - 128
    style = torch.rand(1, 3, height, width) * 255 - 128
    return content, style


def optimised(content, width, height):
    """The image to optimise (60 % noise, 40 % content, as noise_ratio 0.6) and Adam on it."""
    image = (0.6 * torch.rand(1, 3, height, width) * 255 - 128 + 0.4 * content).requires_grad_(True)
    return image, torch.optim.Adam([image], lr=2.0)


def report(width, height, iterations, median, warm, **network):
    """Prints the one JSON line: the median the script chose, the mean of the warm iterations, and peak RSS."""
    print(json.dumps({"framework": "pytorch " + torch.__version__, **network, "width": width, "height": height,
                      "iterations": iterations, "threads": torch.get_num_threads(),
                      "medianSecondsPerIteration": round(median, 4),
                      "meanSecondsPerIteration": round(statistics.mean(warm), 4),
                      "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
