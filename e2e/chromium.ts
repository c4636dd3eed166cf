/** Chromium launch settings for this machine (see shared/brief/BROWSER.md). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags every launch needs here. */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** WebGPU and WebGL2 on SwiftShader. */
export const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
];

/** WebGL on SwiftShader without WebGPU. */
export const NO_WEBGPU_FLAGS = ['--use-angle=swiftshader', '--disable-features=WebGPU'];

/** Fake media devices; with `audioFile` a WAV file is the microphone. Permission is granted. */
export function fakeMediaFlags(audioFile?: string, videoFile?: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    ...(audioFile ? [`--use-file-for-fake-audio-capture=${audioFile}`] : []),
    ...(videoFile ? [`--use-file-for-fake-video-capture=${videoFile}`] : []),
  ];
}
