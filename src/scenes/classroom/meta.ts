import { defineSceneMeta } from '../../world/define-scene';

/** The classroom's title card (loaded eagerly by the scene pickers). */
export default defineSceneMeta({
  id: 'classroom',
  title: 'Classroom',
  description: 'A sunlit classroom with a teacher who notices who is paying attention, two students and seats to take.',
});
