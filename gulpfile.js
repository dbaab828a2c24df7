// Copies the SVG icons next to the compiled nodes and credentials: n8n resolves `file:` icons
// relative to the built .js file, and tsc does not copy assets.
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.' }).pipe(dest('dist')),
);
