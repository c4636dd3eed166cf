/** Gesture perception: features, classifier, decision logic and the streaming recognizer. */
export * from './features';
export * from './decision';
export * from './model';
export * from './recognizer';
