/** tfjs model files on disk for Node (tfjs-node is not used, so `file://` URLs are not available). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** An IOHandler that loads a tfjs layers `model.json` and its weight files from disk; errors name the file. */
export function diskModelHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load() {
      let json: {
        modelTopology?: unknown;
        weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
        userDefinedMetadata?: Record<string, unknown>;
      };
      try {
        json = JSON.parse(readFileSync(modelJsonPath, 'utf8'));
      } catch (err) {
        throw new Error(`${modelJsonPath}: cannot read model.json (${err instanceof Error ? err.message : String(err)})`);
      }
      if (!json.modelTopology || !Array.isArray(json.weightsManifest))
        throw new Error(`${modelJsonPath}: not a tfjs layers model (modelTopology or weightsManifest missing)`);
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const parts: Uint8Array[] = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) {
          const file = join(dirname(modelJsonPath), p);
          try {
            parts.push(readFileSync(file));
          } catch (err) {
            throw new Error(`${file}: cannot read weights (${err instanceof Error ? err.message : String(err)})`);
          }
        }
      }
      const total = parts.reduce((a, p) => a + p.length, 0);
      const weightData = new Uint8Array(total);
      let off = 0;
      for (const p of parts) {
        weightData.set(p, off);
        off += p.length;
      }
      return {
        modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs,
        weightData: weightData.buffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        userDefinedMetadata: json.userDefinedMetadata as tf.io.ModelArtifacts['userDefinedMetadata'],
      } as tf.io.ModelArtifacts;
    },
  };
}

/** A save handler writing `model.json` + `weights.bin` into `dir`. */
export function diskSaveHandler(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(dir, { recursive: true });
    const weights = artifacts.weightData as ArrayBuffer;
    writeFileSync(join(dir, 'weights.bin'), new Uint8Array(weights));
    const modelJson = {
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      userDefinedMetadata: artifacts.userDefinedMetadata,
    };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
  });
}
