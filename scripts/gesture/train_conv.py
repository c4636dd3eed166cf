#!/usr/bin/python3
"""Train the temporal-convolution gesture net with PyTorch (Debian's python3-torch, CPU).

Why PyTorch here: the tfjs gesture trainer (train.ts) has to write its "CNN" as strided dense
layers, because tfjs in Node trains on its cpu/wasm backend whose convolution gradients are
naive loops, and tfjs-node would download libtensorflow from outside the npm registry. A true
1-D convolution with global pooling over time describes a motion pattern alike wherever it sits
in the 2 s window. The net trained here is exported as plain weights; conv-export.ts rebuilds it
in tfjs layers, checks that it computes the same probabilities and hands it back to train.ts,
which tunes the decision and saves the model as for the dense net. Called by
`npm run train -- gesture --conv` with the windows train.ts built (the same windows the dense
net trains on).

Input:  --train BIN (float32 [n, 40, 35]) --train-y BIN (int32 [n]) --val BIN --val-y BIN --out DIR
Output: DIR/conv-weights.json + .bin (BatchNorm folded into the convolutions, tfjs layout),
        DIR/conv-check.json (inputs and PyTorch probabilities for the parity check),
        DIR/conv-train.json (per-epoch log).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import torch_export  # noqa: E402  (scripts/lib/torch_export.py: prediction and the export, shared with the voice trainer)

LABELS = ['wave', 'beckon', 'point', 'push', 'nod', 'shake', 'none']
N = len(LABELS)
STEPS = 40
CHANNELS = 35


class ConvNet(nn.Module):
    """Conv1d blocks over 40 steps x 35 channels (BN, ReLU; max-pool 2 after blocks listed in
    POOL_AFTER), mean and max over time, dropout, Dense 64, softmax 7."""

    def __init__(self, widths, kernels):
        super().__init__()
        convs, bns = [], []
        cin = CHANNELS
        for w, k in zip(widths, kernels):
            convs.append(nn.Conv1d(cin, w, k, padding=k // 2, bias=False))
            bns.append(nn.BatchNorm1d(w))
            cin = w
        self.convs = nn.ModuleList(convs)
        self.bns = nn.ModuleList(bns)
        self.drop = nn.Dropout(0.3)
        self.fc = nn.Linear(2 * cin, 64)
        self.out = nn.Linear(64, N)

    def forward(self, x):  # x [B, 40, 35] (steps, channels: the feature layout)
        x = x.permute(0, 2, 1)
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns)):
            x = F.relu(bn(conv(x)))
            if i in POOL_AFTER:
                x = F.max_pool1d(x, 2)
        h = torch.cat([x.mean(dim=2), x.amax(dim=2)], dim=1)
        h = F.relu(self.fc(self.drop(h)))
        return self.out(h)


POOL_AFTER = (1, 2)


def predict(model, x):
    return torch_export.predict(model, x, 1024)


def write_export(model, out, check_x):
    spec = {'widths': [c.out_channels for c in model.convs], 'kernels': [c.kernel_size[0] for c in model.convs], 'poolAfter': list(POOL_AFTER)}
    torch_export.write_export(model, out, check_x, spec, 1024)


def export_random(a, widths, kernels):
    model = ConvNet(widths, kernels)
    torch_export.randomize_batchnorm(model.bns)
    with torch.no_grad():
        model.out.weight.mul_(40)  # sharp outputs: a layout slip shows as a large difference
    # Check windows with structure in time (a ramp per channel plus noise), so a time-reversed or
    # transposed kernel gives other numbers.
    t = torch.linspace(-1, 1, STEPS).view(1, STEPS, 1)
    x = torch.randn(a.export_random, STEPS, CHANNELS) * 0.5 + t * torch.randn(a.export_random, 1, CHANNELS)
    write_export(model, a.out, x)
    print(f'train gesture conv: wrote a random net ({widths}, kernels {kernels}) and {a.export_random} check windows to {a.out}')


def load(path, dtype, n_per):
    v = np.fromfile(path, dtype=dtype)
    if v.size % n_per:
        sys.exit(f'train_conv: {path} holds {v.size} values, not a multiple of {n_per}')
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--train')
    ap.add_argument('--train-y')
    ap.add_argument('--val')
    ap.add_argument('--val-y')
    ap.add_argument('--out', required=True)
    ap.add_argument('--seed', type=int, default=1234)
    ap.add_argument('--epochs', type=int, default=24)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--widths', default='48,64,64,96')
    ap.add_argument('--kernels', default='5,5,3,3')
    ap.add_argument('--threads', type=int, default=int(os.environ.get('TORCH_THREADS', max(1, min(2, os.cpu_count() or 1)))))
    ap.add_argument('--export-random', type=int, default=0, metavar='K',
                    help='no training: export a randomly initialised net (random BatchNorm statistics too) with K check windows (the export test fixture)')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    widths = [int(c) for c in a.widths.split(',')]
    kernels = [int(c) for c in a.kernels.split(',')]
    if len(widths) != 4 or len(kernels) != 4 or any(k % 2 == 0 for k in kernels):
        sys.exit('train_conv: --widths needs four widths and --kernels four odd kernel sizes')
    if a.export_random:
        export_random(a, widths, kernels)
        return
    if not (a.train and a.train_y and a.val and a.val_y):
        sys.exit('train_conv: --train, --train-y, --val and --val-y are needed (train.ts writes them)')
    per = STEPS * CHANNELS
    xtr = torch.from_numpy(load(a.train, np.float32, per).reshape(-1, STEPS, CHANNELS))
    ytr = torch.from_numpy(load(a.train_y, np.int32, 1).astype(np.int64))
    xva = torch.from_numpy(load(a.val, np.float32, per).reshape(-1, STEPS, CHANNELS))
    yva = load(a.val_y, np.int32, 1).astype(np.int64)
    if len(xtr) != len(ytr) or len(xva) != len(yva):
        sys.exit('train_conv: windows and labels differ in count')
    gen = torch.Generator().manual_seed(a.seed)
    model = ConvNet(widths, kernels)
    params = sum(p.numel() for p in model.parameters())
    print(f'train gesture conv: {len(xtr)} training windows, {len(xva)} validation windows, {params} parameters, {a.threads} threads', flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, weight_decay=0)
    smooth = 0.05
    log = []
    t0 = time.time()
    n = len(xtr)
    for epoch in range(a.epochs):
        for g in opt.param_groups:
            g['lr'] = a.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * epoch / a.epochs)))
        model.train()
        perm = torch.randperm(n, generator=gen)
        loss_sum, batches = 0.0, 0
        for s in range(0, n - a.batch + 1, a.batch):
            j = perm[s:s + a.batch]
            target = torch.full((a.batch, N), smooth / N)
            target[torch.arange(a.batch), ytr[j]] += 1 - smooth
            loss = -(target * F.log_softmax(model(xtr[j]), dim=1)).sum(dim=1).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item()
            batches += 1
        p = predict(model, xva)
        acc = float((p.argmax(axis=1) == yva).mean())
        line = f'epoch {epoch + 1}/{a.epochs} lr={opt.param_groups[0]["lr"]:.5f} loss={loss_sum / batches:.4f} val_window_acc={acc:.4f} ({time.time() - t0:.0f} s)'
        print(line, flush=True)
        log.append(line)
    # The last epoch is used (cosine decay to 5 % of the rate): nothing is selected on validation here;
    # train.ts tunes the decision on the validation clips as for the dense net.
    check = torch.arange(0, len(xva), max(1, len(xva) // 32))[:32]
    write_export(model, a.out, xva[check])
    json.dump({'seed': a.seed, 'epochs': a.epochs, 'batch': a.batch, 'lr': a.lr, 'widths': widths, 'kernels': kernels, 'params': params,
               'trainWindows': int(n), 'valWindows': int(len(xva)), 'log': log, 'trainSec': time.time() - t0, 'torch': torch.__version__},
              open(os.path.join(a.out, 'conv-train.json'), 'w'), indent=1)
    print(f'train gesture conv: wrote {a.out}/conv-weights.* ({params} parameters) in {time.time() - t0:.0f} s', flush=True)


if __name__ == '__main__':
    main()
