// Computes reference activations of the default network with TF.js (pure JavaScript CPU backend),
// independently of stylecast's decoder and ND4J graph. Run once, by hand:
//   npm install @tensorflow/tfjs@4 && node reference.mjs ../../../models/nsfwjs-4.4.0.tgz > ../resources/inception-tfjs-reference.json
// It unpacks the model from the npm tarball with tar(1), decodes the browserify modules with plain
// regular expressions, lets TF.js dequantise and run the Keras model, and prints JSON.
import * as tf from '@tensorflow/tfjs';
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const tarball = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'nsfwjs-'));
execSync(`tar xzf ${tarball} -C ${dir}`);
const models = join(dir, 'package/dist/models/inception_v3');

// model.min.js: `n.exports={...}` inside a browserify bundle; evaluate the bundle with a fake module.
function exportsOf(file) {
  const module = { exports: {} };
  new Function('module', 'exports', 'define', readFileSync(file, 'utf8'))(module, module.exports, undefined);
  return module.exports;
}
const model = exportsOf(join(models, 'model.min.js'));
const manifest = model.weightsManifest;
const buffers = manifest[0].paths.map(p => Buffer.from(exportsOf(join(models, p + '.min.js')), 'base64'));
const weightData = Buffer.concat(buffers);
const handler = tf.io.fromMemory({
  modelTopology: model.modelTopology,
  weightSpecs: manifest.flatMap(g => g.weights),
  weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
});
const keras = await tf.loadLayersModel(handler);

const H = 299, W = 299; // the Keras model is built for 299x299 inputs
const pixels = new Float32Array(H * W * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) {
  pixels[(y * W + x) * 3 + c] = (x * 7 + y * 13 + c * 50 + ((x * y) % 17)) % 256;
}
const input = tf.tensor4d(pixels, [1, H, W, 3]).div(127.5).sub(1);
const names = ['activation_1', 'activation_5', 'max_pooling2d_2', 'mixed0', 'mixed2', 'mixed5'];
const probe = tf.model({ inputs: keras.inputs, outputs: names.map(n => keras.getLayer(n).output) });
const outputs = probe.predict(input);
const result = { height: H, width: W, pixel: '(x*7 + y*13 + c*50 + (x*y mod 17)) mod 256', layers: {} };
names.forEach((name, k) => {
  const t = outputs[k];
  const [, h, w, c] = t.shape;
  const data = t.dataSync();
  const samples = [];
  for (let i = 0; i < 8; i++) {
    const yy = (i * 5) % h, xx = (i * 7) % w, cc = (i * 37) % c;
    samples.push({ y: yy, x: xx, c: cc, value: data[(yy * w + xx) * c + cc] });
  }
  let sum = 0, sumSq = 0;
  for (const v of data) { sum += v; sumSq += v * v; }
  result.layers[name] = { shape: [h, w, c], sum, sumOfSquares: sumSq, samples };
});
console.log(JSON.stringify(result, null, 1));
