import { defineSceneMeta } from '../../world/define-scene';

/** The plaza's title card (loaded eagerly by the scene pickers). */
export default defineSceneMeta({
  id: 'plaza',
  title: 'Town Plaza',
  description: 'A sunny square with a fountain, a café and locals who notice you, greet you and wander about.',
});
