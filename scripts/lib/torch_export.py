"""Shared by the PyTorch trainers (scripts/voice/train_conv.py, scripts/gesture/train_conv.py):
prediction, and the export scripts/lib/torch-export.ts loads into the tfjs twin of a net whose
conv blocks are `model.convs` (bias-free Conv1d/Conv2d) with `model.bns` (BatchNorm) after them,
then `model.fc` and `model.out` (Linear).

Export: conv-weights.bin (float32, tfjs layout: conv kernels [*k, in, out] with BatchNorm folded
in, plus biases; dense [in, out]), conv-weights.json (`spec` fields plus each weight's name and
shape), conv-check.json (check inputs and PyTorch's probabilities, for the parity check).
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F


def predict(model, x, batch):
    """Softmax probabilities of `x` in eval mode, `batch` windows at a time."""
    model.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(x), batch):
            out.append(F.softmax(model(x[s:s + batch]), dim=1))
    return torch.cat(out).numpy()


def folded_weights(model):
    """(name, array) in tfjs layout, BatchNorm folded into each convolution."""
    ws = []
    for i, (conv, bn) in enumerate(zip(model.convs, model.bns)):
        w = conv.weight.detach()  # [out, in, *k]
        scale = (bn.weight / torch.sqrt(bn.running_var + bn.eps)).detach()
        k = w * scale.view(-1, *([1] * (w.dim() - 1)))
        b = (bn.bias - bn.running_mean * scale).detach()
        ws.append((f'conv{i + 1}/kernel', k.permute(*range(2, w.dim()), 1, 0).contiguous().numpy()))
        ws.append((f'conv{i + 1}/bias', b.numpy()))
    for name in ('fc', 'out'):
        layer = getattr(model, name)
        ws.append((f'{name}/kernel', layer.weight.detach().T.contiguous().numpy()))
        ws.append((f'{name}/bias', layer.bias.detach().numpy()))
    return ws


def write_export(model, out, check_x, spec, batch):
    """Write the export of `model` into `out`; `spec` holds the net's own fields for its tfjs twin."""
    model.eval()
    os.makedirs(out, exist_ok=True)
    ws = folded_weights(model)
    with open(os.path.join(out, 'conv-weights.bin'), 'wb') as f:
        f.write(b''.join(w.astype(np.float32).tobytes() for _, w in ws))
    json.dump({**spec, 'weights': [{'name': n, 'shape': list(w.shape)} for n, w in ws]}, open(os.path.join(out, 'conv-weights.json'), 'w'))
    json.dump({'x': check_x.reshape(len(check_x), -1).numpy().round(6).tolist(), 'p': predict(model, check_x, batch).tolist()}, open(os.path.join(out, 'conv-check.json'), 'w'))


def randomize_batchnorm(bns):
    """Random BatchNorm statistics and affine terms, so an export test exercises the folding."""
    with torch.no_grad():
        for bn in bns:
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2.0)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.2, 0.2)
