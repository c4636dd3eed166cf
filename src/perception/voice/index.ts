/** Voice-command perception: model loader, streaming recognizer, settings and the offline stream runner. */
export { loadVoiceModel, type VoiceModel, type VoiceModelConfig } from './voice-model';
export {
  createVoiceRecognizer,
  type VoiceClassifier,
  type VoiceDecision,
  type VoiceRecognizer,
  type VoiceRecognizerOptions,
} from './voice-recognizer';
export {
  DEFAULT_VOICE_SETTINGS,
  modelFrames,
  parseVoiceSettings,
  prepareVoiceWindow,
  type VoiceSettings,
} from './voice-settings';
export { fillRoomTone, recognizeSignal, type RecognizeSignalOptions, type RecognizeSignalResult } from './recognize-signal';
