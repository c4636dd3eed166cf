/**
 * PyTorch (Debian's python3-torch, CPU) for the trainers that need convolution gradients: tfjs in
 * Node trains on its wasm/cpu backend, which has none fast enough, and tfjs-node would download
 * libtensorflow from outside the npm registry. Only training uses it; the app and tests do not.
 */
import { spawn, spawnSync } from 'node:child_process';

/** The Python that has torch: VOICE_PYTHON (or TORCH_PYTHON), else Debian's /usr/bin/python3 (python3-torch), else python3 on PATH. */
export function torchPython(who = 'train'): string {
  const candidates = [process.env.TORCH_PYTHON, process.env.VOICE_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  throw new Error(
    `${who}: no Python with PyTorch found (tried ${candidates.join(', ')}). Install Debian's package: sudo apt-get install python3-torch (or set TORCH_PYTHON to a python that has torch).`,
  );
}

/** Run `py args`, output inherited; rejects with the command and exit code when it fails. */
export function runPython(py: string, args: string[], who = 'train'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(py, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${who}: ${py} ${args.join(' ')} failed with exit code ${code}`))));
  });
}
