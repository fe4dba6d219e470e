// Imported first by the soak: React and Ink in their production builds, as in the shipped bundle
// (scripts/build.js defines NODE_ENV). React's development build records a performance measure,
// with the changed props, for each render, and the runtime keeps every one: that is not the program.
process.env.NODE_ENV = 'production';
