import { defineSceneMeta } from '../../world/define-scene';

/** The museum's title card (loaded eagerly by the scene pickers). */
export default defineSceneMeta({
  id: 'museum',
  title: 'Museum of Small Wonders',
  description: 'A two-room gallery with six exhibits and a guide who tours them: say "next" or "tell me more".',
});
