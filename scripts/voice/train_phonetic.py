#!/usr/bin/python3
"""A voice-command net over CMU Sphinx phone posteriors (sphinx_gmm.py) instead of the log-mels,
called by `npm run train -- voice --single --conv --phonetic` (train-conv.ts). Reads the windows
build-data.ts cached with `phonetic` settings ([n, 81, 79]: 40 normalised log-mels, then 39
Sphinx-style features per row), turns the features into 126 CI-senone posteriors with the frozen
acoustic model once (cached beside the windows as float16, also on the first run, so a run from
the cache trains exactly as one without), trains the net on them with train_conv.py's schedule and
window-level validation, and writes the export phonetic-export.ts loads (conv-weights.*,
conv-check.json with raw windows, sphinx-front.* with the front end's weights, conv-train.json).
Tried in session 13 and not shipped (docs/voice.md).

  python3 scripts/voice/train_phonetic.py --windows BIN --meta JSON --out DIR [--seed N] [--epochs N]
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_conv as tc  # noqa: E402
from sphinx_gmm import SphinxPosteriors, N_CI_SEN, front_end_arrays  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import torch_export  # noqa: E402


def posteriorgram(x, chunk=256):
    front = SphinxPosteriors()
    out = []
    with torch.no_grad():
        for s in range(0, len(x), chunk):
            out.append(front(x[s:s + chunk]))
    return torch.cat(out)


class PhoneNet(nn.Module):
    """Sphinx phone posteriors (frozen) -> four 1-D convolutions over time (BN, ReLU; 2x max-pool
    after the second and third) -> mean and max over time -> Dense 64 -> 12."""

    def __init__(self, width=128):
        super().__init__()
        self.front = SphinxPosteriors()
        ks = [5, 5, 3, 3]
        cin = N_CI_SEN
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        for k in ks:
            self.convs.append(nn.Conv1d(cin, width, k, padding=k // 2, bias=False))
            self.bns.append(nn.BatchNorm1d(width))
            cin = width
        self.drop = nn.Dropout(0.3)
        self.fc = nn.Linear(2 * width, 64)
        self.out = nn.Linear(64, tc.N)

    def head(self, pg):  # pg [B, 81, 126]
        h = pg.transpose(1, 2)
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns)):
            h = F.relu(bn(conv(h)))
            if i in (1, 2):
                h = F.max_pool1d(h, 2)
        # tfjs: GlobalAveragePooling1D and GlobalMaxPooling1D, concatenated.
        return self.out(F.relu(self.fc(self.drop(torch.cat([h.mean(dim=2), h.amax(dim=2)], dim=1)))))

    def forward(self, x):  # raw prepared windows [B, 81, 79]
        return self.head(self.front(x))


class Head(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, pg):
        return self.net.head(pg)


def augment(xb, gen, shift):
    """Time shift (+-shift frames) and 0-2 time masks, as tc.augment's, on the posteriorgram."""
    B, T, W = xb.shape
    do = torch.rand(B, generator=gen) < 0.8
    sh = torch.randint(-shift, shift + 1, (B,), generator=gen) * do
    idx = (torch.arange(T).unsqueeze(0) - sh.unsqueeze(1)).clamp(0, T - 1)
    ph = torch.gather(xb, 1, idx.unsqueeze(2).expand(B, T, W))
    t = torch.arange(T).unsqueeze(0)
    keep = torch.ones(B, T, dtype=torch.bool)
    for _ in range(2):
        on = do & (torch.rand(B, generator=gen) < 0.5)
        w = torch.randint(1, 9, (B,), generator=gen)
        at = (torch.rand(B, generator=gen) * (T - w + 1)).long()
        keep &= ~((t >= at.unsqueeze(1)) & (t < (at + w).unsqueeze(1)) & on.unsqueeze(1))
    return ph * keep.unsqueeze(2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--windows', required=True); ap.add_argument('--meta', required=True); ap.add_argument('--out', required=True)
    ap.add_argument('--seed', type=int, default=7); ap.add_argument('--epochs', type=int, default=28)
    ap.add_argument('--threads', type=int, default=int(os.environ.get('VOICE_TORCH_THREADS', max(1, min(2, os.cpu_count() or 1)))))
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    meta = json.load(open(a.meta)); y = np.array(meta['y']); split = np.array(meta['split'])
    n = len(y)
    x = torch.from_numpy(np.fromfile(a.windows, dtype=np.float32).reshape(n, 81, 79))
    t0 = time.time()
    cache = a.windows + '.sphinx126.f16'
    if os.path.exists(cache):
        pg = torch.from_numpy(np.fromfile(cache, dtype=np.float16).astype(np.float32).reshape(n, 81, N_CI_SEN))
    else:
        pg16 = posteriorgram(x).numpy().astype(np.float16)
        pg16.tofile(cache)
        pg = torch.from_numpy(pg16.astype(np.float32))
    print(f'posteriorgram {tuple(pg.shape)} in {time.time() - t0:.0f} s', flush=True)
    raw = x
    x = pg
    tr = np.nonzero(split == 0)[0]; va = np.nonzero(split == 1)[0]
    net = PhoneNet()
    model = Head(net)
    print(f'{len(tr)} train, {len(va)} val, {sum(p.numel() for p in model.parameters())} parameters', flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    ytr = torch.from_numpy(y)
    best = {'accuracy': -1}
    avg_from = a.epochs - 7; avg = None; cnt = 0
    for ep in range(a.epochs):
        for g in opt.param_groups:
            g['lr'] = 2e-3 * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * ep / a.epochs)))
        model.train()
        perm = torch.from_numpy(tr)[torch.randperm(len(tr), generator=gen)]
        ls = 0; nb = 0
        for s in range(0, len(perm) - 63, 64):
            j = perm[s:s + 64]
            xb = augment(x[j], gen, 3)
            target = torch.full((64, tc.N), 0.05 / tc.N); target[torch.arange(64), ytr[j]] += 0.95
            loss = -(target * F.log_softmax(model(xb), dim=1)).sum(1).mean()
            opt.zero_grad(); loss.backward(); opt.step(); ls += loss.item(); nb += 1
        p = tc.predict(model, x[va]); _, ch = tc.best_threshold(p, y[va])
        print(f"epoch {ep + 1} loss={ls / nb:.4f} val_accuracy={ch['accuracy']:.4f} ft={ch['falseTriggers']:.4f} th={ch['th']} ({time.time() - t0:.0f} s)", flush=True)
        if ch['falseTriggers'] <= 0.03 and ch['accuracy'] > best['accuracy']:
            best = {'epoch': ep + 1, **ch}
        if ep >= avg_from:
            sd = model.state_dict()
            if avg is None: avg = {k: v.clone().float() for k, v in sd.items()}
            else:
                for k, v in sd.items():
                    if v.dtype.is_floating_point: avg[k].mul_(cnt / (cnt + 1)).add_(v, alpha=1 / (cnt + 1))
            cnt += 1
    model.load_state_dict({k: (v if v.dtype.is_floating_point else model.state_dict()[k]) for k, v in avg.items()})
    p = tc.predict(model, x[va]); rows, ch = tc.best_threshold(p, y[va])
    print('best epoch', best, '\naveraged', ch, flush=True)
    os.makedirs(a.out, exist_ok=True)
    torch.save(net.state_dict(), os.path.join(a.out, 'phonetic.pt'))
    check = va[:: max(1, len(va) // 32)][:32]
    torch_export.write_export(net, a.out, raw[check], {'width': 128, 'kernels': [5, 5, 3, 3]}, 64)
    fe = front_end_arrays()
    with open(os.path.join(a.out, 'sphinx-front.bin'), 'wb') as f:
        f.write(b''.join(fe[k].tobytes() for k in ('sq', 'lin', 'bias', 'logw')))
    json.dump({k: list(fe[k].shape) for k in ('sq', 'lin', 'bias', 'logw')}, open(os.path.join(a.out, 'sphinx-front.json'), 'w'))
    # The same log as train_conv.py's (train-conv.ts writes the card from it); the averaged weights are always used.
    json.dump({'seed': a.seed, 'epochs': a.epochs, 'params': sum(q.numel() for q in model.parameters()), 'channels': [128, 128, 128, 128],
               'trainWindows': int(len(tr)), 'valWindows': int(len(va)), 'best': best, 'averaged': {'from': avg_from + 1, **ch, 'used': True},
               'rows': rows, 'chosen': ch, 'trainSec': time.time() - t0, 'torch': torch.__version__},
              open(os.path.join(a.out, 'conv-train.json'), 'w'), indent=1)


if __name__ == '__main__':
    main()
